namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// One task on the queue: a chunk of a run's imported photos, each as ingest recorded it, its path either
/// absolute (workers that see the same mounts) or library-relative (<c>name:/rel/path</c>, see
/// <see cref="LibraryRoots"/>). The theme and the run id travel with it; the workspace is the worker's own
/// view of the shared workspace.
/// </summary>
public sealed class ChunkTask
{
    public string RunId { get; set; } = "";
    public int Chunk { get; set; }
    public string BatchId { get; set; } = "";
    /// <summary>Theme name or path as the coordinator was given it; null: the built-in theme.</summary>
    public string? Theme { get; set; }
    public List<Photo> Photos { get; set; } = new();
}

/// <summary>A worker's answer for one chunk: per photo, done or why not. The stage results themselves are in the shared cache.</summary>
public sealed class ChunkResult
{
    public string RunId { get; set; } = "";
    public int Chunk { get; set; }
    public string Worker { get; set; } = "";
    public List<PhotoOutcome> Photos { get; set; } = new();
}

public sealed class PhotoOutcome
{
    public string PhotoId { get; set; } = "";
    /// <summary>The stage that failed, or null when every per-photo stage has its result in the cache.</summary>
    public string? FailedStage { get; set; }
    public string? ErrorId { get; set; }
    public string? Message { get; set; }
}

/// <summary>A notice on the control exchange: stop working on this run.</summary>
public sealed class RunControl
{
    public string RunId { get; set; } = "";
    public string Action { get; set; } = "cancel";
}
