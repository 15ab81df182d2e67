namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// One validated answer of the judge for one orientation of a pair: the photo shown first is "A".
/// </summary>
public sealed class JudgeVerdict
{
    public const string A = "A";
    public const string B = "B";
    public const string Tie = "tie";

    /// <summary><c>A</c>, <c>B</c> or <c>tie</c>.</summary>
    public string Winner { get; set; } = Tie;

    /// <summary>The judge's one-sentence reason, redacted and trimmed.</summary>
    public string Rationale { get; set; } = "";

    /// <summary>Prompt tokens reported by the server (or estimated when it reports none).</summary>
    public int InputTokens { get; set; }

    /// <summary>Completion tokens reported by the server (or estimated).</summary>
    public int OutputTokens { get; set; }

    public int TotalTokens => InputTokens + OutputTokens;
}
