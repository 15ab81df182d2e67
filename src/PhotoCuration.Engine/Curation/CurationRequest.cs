using PhotoCuration.Engine.Ranking;

namespace PhotoCuration.Engine.Curation;

/// <summary>What one <see cref="CurationSession"/> is asked to do: Invoke-PhotoCuration's parameters, paths resolved.</summary>
public sealed record CurationRequest
{
    /// <summary>Folders or files of the shoot, as file-system paths.</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();
    /// <summary>Files known up front (a batch file's photos), imported as a list (RAW + JPEG pairs paired).</summary>
    public IReadOnlyList<string> Files { get; init; } = Array.Empty<string>();
    /// <summary>Lock-in and exclude entries given for this run (file names with wildcards, paths or photo ids).</summary>
    public IReadOnlyList<string> LockIn { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Exclude { get; init; } = Array.Empty<string>();
    public bool Recurse { get; init; }
    public string Workspace { get; init; } = "";
    /// <summary>Null: derived from the first folder's name, as Import-PhotoBatch does.</summary>
    public string? BatchId { get; init; }
    /// <summary>Theme name or path; null: the built-in theme.</summary>
    public string? Theme { get; init; }
    public ExplicitSelection Selection { get; init; } = new();
    /// <summary>The moment ranking's judge request; null: no ranking stage (moments keep their Total_prelim order).</summary>
    public RankingRequest? Ranking { get; init; }
    public bool Xmp { get; init; }
    public bool Csv { get; init; }
    /// <summary>Export folder; null: data/output/&lt;batch_id&gt; of the workspace.</summary>
    public string? OutputPath { get; init; }
    public bool SidecarsBesideOriginals { get; init; }
    public int Workers { get; init; } = Environment.ProcessorCount;
    /// <summary>The module's own models folder (searched after $env:PHOTOCURATION_MODELS).</summary>
    public string? ModuleModelsDir { get; init; }
    /// <summary>-Library: originals under a root are recorded library-relative in stage JSON and curated_list.json (docs/distributed.md#library-relative-paths).</summary>
    public Distributed.LibraryRoots Library { get; init; } = Distributed.LibraryRoots.None;
    /// <summary>-Broker: the per-photo stages run on the studio's workers first; null: all local.</summary>
    public Distributed.DistributedRequest? Distribution { get; init; }
}
