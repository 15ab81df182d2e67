namespace PhotoCuration;

/// <summary>What one <c>Invoke-PhotoCuration</c> run did: counts per stage, time per stage, and where the results are.</summary>
public sealed class CurationSummary
{
    /// <summary>Batch id of the run.</summary>
    public string BatchId { get; set; } = "";
    /// <summary>Workspace the run wrote into.</summary>
    public string Workspace { get; set; } = "";
    /// <summary>Theme the run used.</summary>
    public string Theme { get; set; } = "";
    /// <summary>Photos imported (exact duplicates included).</summary>
    public int Imported { get; set; }
    /// <summary>Files that failed with an error record (unreadable, unsupported, …).</summary>
    public int Failed { get; set; }
    /// <summary>Photos kept by the technical gate.</summary>
    public int Kept { get; set; }
    /// <summary>Photos dropped by the technical gate.</summary>
    public int Dropped { get; set; }
    /// <summary>Moments the kept photos were grouped into.</summary>
    public int Moments { get; set; }
    /// <summary>Photos that share a moment with at least one other frame.</summary>
    public int Grouped { get; set; }
    /// <summary>Photos in the curated set.</summary>
    public int Selected { get; set; }
    /// <summary>Stages whose per-photo results all came from the cache.</summary>
    public string[] CachedStages { get; set; } = Array.Empty<string>();
    /// <summary>Wall time per stage in milliseconds, in pipeline order.</summary>
    public Dictionary<string, long> StageTimingsMs { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Total wall time in milliseconds.</summary>
    public long TotalMs { get; set; }
    /// <summary>Path of curated_list.json, when exported.</summary>
    public string? CuratedListPath { get; set; }
    /// <summary>The curated set.</summary>
    public CuratedSet? CuratedSet { get; set; }
    /// <summary>Warnings raised on the way (thin axes, judge fallbacks).</summary>
    public string[] Warnings { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    public override string ToString() => $"{BatchId}: {Imported} imported, {Dropped} dropped, {Moments} moments, {Selected} selected";
}
