
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// What every per-photo stage records for a batch: its results in input order (an exact duplicate
/// shares its original's photo id and is listed once), its errors, and the stage JSON
/// <c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c> with an idempotency key over the inputs.
/// </summary>
public abstract class StageRecord
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    protected StageRecord(StageDescriptor stage, string batchId, WorkspaceLayout layout, string parametersHash)
    {
        Descriptor = stage;
        Stage = stage.Name;
        StageVersion = stage.Version;
        BatchId = BatchIds.Validate(batchId);
        Layout = layout;
        ParametersHash = parametersHash;
    }

    public StageDescriptor Descriptor { get; }
    public string Stage { get; }
    public string StageVersion { get; }
    public string BatchId { get; }
    public WorkspaceLayout Layout { get; }
    public string ParametersHash { get; }
    public List<StageError> Errors { get; } = new();
    protected List<string> PhotoIds { get; } = new();

    /// <summary>Records a photo that went through the stage; false when its id was recorded already.</summary>
    public bool Add(Photo photo)
    {
        if (!_seen.Add(photo.PhotoId)) return false;
        PhotoIds.Add(photo.PhotoId);
        Record(photo);
        return true;
    }

    /// <summary>Records a photo's error under its original as stage JSON records it (library-relative when it has a library path).</summary>
    public void Reject(Photo photo, string errorId, string message) =>
        Errors.Add(new StageError { Uri = OriginalPaths.ToStored(photo), ErrorId = errorId, Message = message });

    /// <summary>{batch_id, stage, hash(inputs)} (docs/architecture.md#workspace-and-cache).</summary>
    public string IdempotencyKey() => Hashing.Of(new[] { BatchId, Stage, StageVersion, ParametersHash }
        .Concat(PhotoIds)
        .Concat(Errors.Select(e => e.Uri + "|" + e.ErrorId)).ToArray());

    public string WriteStageJson() => StageDocumentWriter.Write(Layout, ToDocument(), Descriptor);

    protected abstract void Record(Photo photo);

    /// <summary>The stage document: the stage's own fields from <see cref="Build"/>, the shared ones filled in here.</summary>
    public StageDocument ToDocument()
    {
        var document = Build();
        document.BatchId = BatchId;
        document.IdempotencyKey = IdempotencyKey();
        document.Errors = Errors;
        return document;
    }

    /// <summary>The stage's own document, its stage-specific fields filled.</summary>
    protected abstract StageDocument Build();
}
