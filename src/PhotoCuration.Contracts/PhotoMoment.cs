namespace PhotoCuration;

/// <summary>
/// One moment of a shoot (<c>Group-PhotoMoment</c>): frames of the same scene close in time — a burst,
/// near-duplicates, exact duplicates. Its members are ranked best first; the first is the hero.
/// </summary>
public sealed class PhotoMoment
{
    /// <summary>Moment id, <c>m_0001</c>…, numbered in capture-time order.</summary>
    public string MomentId { get; set; } = "";

    /// <summary>Batch the moment belongs to.</summary>
    public string BatchId { get; set; } = "";

    /// <summary>Workspace the batch lives in.</summary>
    public string Workspace { get; set; } = "";

    /// <summary>Members ranked best first (the hero is the first).</summary>
    public Photo[] Members { get; set; } = Array.Empty<Photo>();

    /// <summary>The best frame of the moment.</summary>
    public Photo? Hero { get; set; }

    /// <summary>The other frames, best first.</summary>
    public Photo[] Alternates { get; set; } = Array.Empty<Photo>();

    /// <summary>Why each member holds its place: the hero's strengths, and for each alternate the reason it lost.</summary>
    public MomentRationale[] Rationales { get; set; } = Array.Empty<MomentRationale>();

    /// <summary>How the members were ranked: <c>total_prelim</c>, or <c>llm:&lt;model&gt;</c> after Invoke-MomentRanking.</summary>
    public string RankedBy { get; set; } = "total_prelim";

    /// <summary>What Invoke-MomentRanking did: <c>none</c> (no judge), <c>single</c> (one distinct frame), <c>judged</c>, or <c>fallback: &lt;reason&gt;</c>; null before it ran.</summary>
    public string? JudgeStatus { get; set; }

    /// <summary>Place of the hero among the opener finalists after Invoke-MomentRanking (1 = best opener); null when not a finalist.</summary>
    public int? OpenerRank { get; set; }

    /// <summary>Capture time of the first frame, when known.</summary>
    public DateTime? Start { get; set; }

    /// <summary>Capture time of the last frame, when known.</summary>
    public DateTime? End { get; set; }

    /// <summary>Number of members.</summary>
    public int Count => Members.Length;

    /// <summary>Seconds from the first frame to the last, when capture times are known.</summary>
    public double? SpanSeconds => Start is { } s && End is { } e ? (e - s).TotalSeconds : null;

    /// <summary>File name of the hero, for tables.</summary>
    public string? HeroName => Hero?.FileName;

    /// <summary>Largest pHash distance between a member and the member it was linked to (0 for a single frame).</summary>
    public int MaxLinkDistance { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{MomentId} ({Count} frame{(Count == 1 ? "" : "s")}, hero {HeroName})";
}

/// <summary>Why one member of a moment holds its place.</summary>
public sealed class MomentRationale
{
    /// <summary>The member's photo id.</summary>
    public string PhotoId { get; set; } = "";

    /// <summary>The member's file name.</summary>
    public string FileName { get; set; } = "";

    /// <summary>1 = hero.</summary>
    public int Rank { get; set; }

    /// <summary>A sentence a person can read, e.g. "softer than m_0007's hero: 0.42 of its detail, motion blur at 99°".</summary>
    public string Reason { get; set; } = "";

    /// <summary>The member's fine detail as a fraction of the sharpest comparable frame of the moment (1 = the sharpest).</summary>
    public double DetailFraction { get; set; } = 1;

    /// <summary>What doubts this member: the technical gate's flag reasons, and "softer than …" when a sibling is clearly sharper. Empty when nothing does.</summary>
    public string[] Flags { get; set; } = Array.Empty<string>();

    /// <summary>What the LLM judge said about this member in each comparison (Invoke-MomentRanking), if it was judged.</summary>
    public string[] JudgeRationales { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    public override string ToString() => $"{Rank}. {FileName}: {Reason}";
}
