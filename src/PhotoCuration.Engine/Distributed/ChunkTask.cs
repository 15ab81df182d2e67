namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// One task on the queue: a chunk of the files the coordinator listed (a file, or a RAW + JPEG pair),
/// each path either absolute (workers that see the same mounts) or library-relative (<c>name:/rel/path</c>,
/// see <see cref="LibraryRoots"/>). The worker inspects, preprocesses, measures and looks for faces in one
/// read of each original. The theme and the run id travel with it.
/// </summary>
public sealed class ChunkTask
{
    public string RunId { get; set; } = "";
    public int Chunk { get; set; }
    public string BatchId { get; set; } = "";
    /// <summary>Theme name or path as the coordinator was given it; null: the built-in theme.</summary>
    public string? Theme { get; set; }
    public List<ListedFile> Files { get; set; } = new();
}

/// <summary>One listed entry: the photo's file and, for a RAW + JPEG pair, the other file of the frame.</summary>
public sealed class ListedFile
{
    public string Path { get; set; } = "";
    public string? Companion { get; set; }
}

/// <summary>A worker's answer for one chunk: per listed file, in the task's order, what it found (a few KB per photo).</summary>
public sealed class ChunkResult
{
    public string RunId { get; set; } = "";
    public int Chunk { get; set; }
    public string Worker { get; set; } = "";
    public List<FileOutcome> Files { get; set; } = new();
}

/// <summary>
/// What a worker found for one listed file: the inspected photo (ingest's record, in portable form:
/// <see cref="WirePhoto"/>) and the result of each per-photo stage that ran on it, by stage name
/// (<see cref="WireResult"/>); or the ingest error; and the stage a photo stopped at, with its error.
/// </summary>
public sealed class FileOutcome
{
    /// <summary>The listed path, as the task carried it.</summary>
    public string Path { get; set; } = "";
    /// <summary>The photo as inspection left it, no stage's result attached.</summary>
    public Photo? Photo { get; set; }
    /// <summary>Each worker stage's result, by stage name, in the order they ran.</summary>
    public Dictionary<string, WireResult>? Results { get; set; }
    /// <summary>Inspection failed: the photo is not imported (the stage JSON records this error).</summary>
    public StageFailure? Ingest { get; set; }
    /// <summary>The RAW of a pair could not be used and its JPEG stood in (reported, the photo goes on).</summary>
    public StageFailure? ReplacedRaw { get; set; }
    /// <summary>The per-photo stage the photo stopped at, and why; null when every stage has its result.</summary>
    public StageFailure? Failed { get; set; }
}

/// <summary>A per-photo error as it travels: enough to report it on the coordinator exactly as a local run reports it.</summary>
public sealed class StageFailure
{
    public string Stage { get; set; } = "";
    public string ErrorId { get; set; } = "";
    public PhotoProblem Problem { get; set; }
    public string Message { get; set; } = "";

    public static StageFailure From(string stage, Exception error, string path)
    {
        var (id, message) = PhotoInputException.Describe(error, path);
        return new StageFailure { Stage = stage, ErrorId = id, Problem = error is PhotoInputException p ? p.Problem : PhotoProblem.Unreadable, Message = message };
    }

    /// <summary>The error again, for the coordinator's file path (same id and message, so the same stage JSON).</summary>
    public PhotoInputException ToException(string localPath) => new(ErrorId, Problem, localPath, Message);
}

/// <summary>A notice on the control exchange: stop working on this run.</summary>
public sealed class RunControl
{
    public string RunId { get; set; } = "";
    public string Action { get; set; } = "cancel";
}
