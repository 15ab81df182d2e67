namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Both orientations of one pair combined as FastChat's <c>play_a_match_pair</c> does (REFERENCE
/// section 6): each verdict is mapped back to photo ids; both agree → that winner; either says tie →
/// tie; they disagree → inconsistent, scored as a tie.
/// </summary>
public sealed class PairJudgment
{
    public string FirstId { get; init; } = "";
    public string SecondId { get; init; } = "";

    /// <summary>The winner's photo id, or null for a tie.</summary>
    public string? WinnerId { get; init; }

    /// <summary>True when the two orientations named different winners.</summary>
    public bool Inconsistent { get; init; }

    /// <summary>Rationale with <see cref="FirstId"/> shown first, then with <see cref="SecondId"/> first.</summary>
    public string[] Rationales { get; init; } = Array.Empty<string>();

    /// <summary>Prompt tokens both orientations cost when they were asked (also when read from the cache).</summary>
    public int InputTokens { get; init; }

    /// <summary>Completion tokens both orientations cost when they were asked.</summary>
    public int OutputTokens { get; init; }

    /// <summary>True when no call was made for this pair in this run.</summary>
    public bool FromCache { get; init; }

    public bool IsTie => WinnerId is null;

    /// <param name="firstShownFirst">Verdict with the first photo as A.</param>
    /// <param name="secondShownFirst">Verdict with the second photo as A.</param>
    public static PairJudgment Combine(string firstId, string secondId, JudgeVerdict firstShownFirst, JudgeVerdict secondShownFirst, bool fromCache)
    {
        var one = firstShownFirst.Winner switch { JudgeVerdict.A => firstId, JudgeVerdict.B => secondId, _ => null };
        var two = secondShownFirst.Winner switch { JudgeVerdict.A => secondId, JudgeVerdict.B => firstId, _ => null };
        var inconsistent = one is not null && two is not null && one != two;
        return new PairJudgment
        {
            FirstId = firstId,
            SecondId = secondId,
            WinnerId = one is not null && one == two ? one : null,
            Inconsistent = inconsistent,
            Rationales = new[] { firstShownFirst.Rationale, secondShownFirst.Rationale },
            InputTokens = firstShownFirst.InputTokens + secondShownFirst.InputTokens,
            OutputTokens = firstShownFirst.OutputTokens + secondShownFirst.OutputTokens,
            FromCache = fromCache,
        };
    }
}
