using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// The batch-level part of ingest, fed in input order on one thread: assigns the batch, flags exact
/// duplicates (same bytes ⇒ same photo id) as duplicates of the first file, applies lock-in/exclude,
/// collects errors, and writes the ingest stage JSON.
/// </summary>
public sealed class BatchIngest
{
    public const string StageVersion = "ingest-1";

    private readonly Dictionary<string, string> _firstPathById = new(StringComparer.Ordinal);
    private readonly List<Photo> _photos = new();
    private readonly List<StageError> _errors = new();

    public BatchIngest(string batchId, WorkspaceLayout layout, UserOverrides overrides, string? themeSpecRef)
    {
        BatchId = BatchIds.Validate(batchId);
        Layout = layout;
        Overrides = overrides;
        ThemeSpecRef = themeSpecRef;
    }

    public string BatchId { get; }
    public WorkspaceLayout Layout { get; }
    public UserOverrides Overrides { get; }
    public string? ThemeSpecRef { get; }
    public IReadOnlyList<Photo> Photos => _photos;
    public IReadOnlyList<StageError> Errors => _errors;
    public int DuplicateCount { get; private set; }

    /// <summary>Adds an inspected photo to the batch and completes its batch-level fields.</summary>
    public Photo Accept(Photo photo)
    {
        photo.BatchId = BatchId;
        photo.Workspace = Layout.Root;
        if (_firstPathById.TryGetValue(photo.PhotoId, out var first))
        {
            photo.DuplicateOf = first;
            DuplicateCount++;
        }
        else
        {
            _firstPathById[photo.PhotoId] = photo.Path;
        }
        Overrides.Apply(photo);
        _photos.Add(photo);
        return photo;
    }

    public void Reject(string path, string errorId, string message) =>
        _errors.Add(new StageError { Uri = WorkspacePaths.ToFileUri(path), ErrorId = errorId, Message = message });

    public IngestStageDocument ToDocument()
    {
        var doc = new IngestStageDocument
        {
            BatchId = BatchId,
            ThemeSpecRef = ThemeSpecRef,
            UserOverrides = new OverridesRecord { LockIn = Overrides.LockIn.ToList(), Exclude = Overrides.Exclude.ToList() },
            Errors = _errors.ToList(),
        };
        foreach (var p in _photos)
        {
            doc.PhotoIndex.Add(new IngestStageDocument.PhotoIndexEntry
            {
                PhotoId = p.PhotoId,
                Uri = WorkspacePaths.ToFileUri(p.Path),
                CompanionUri = p.CompanionPath is null ? null : WorkspacePaths.ToFileUri(p.CompanionPath),
                FileName = p.FileName,
                Format = p.Format,
                FileSize = p.FileSize,
                Width = p.Width,
                Height = p.Height,
                DuplicateOf = p.DuplicateOf is null ? null : WorkspacePaths.ToFileUri(p.DuplicateOf),
                Locked = p.IsLocked,
                Excluded = p.IsExcluded,
                Exif = ExifRecord.From(p.Exif),
            });
        }
        doc.IdempotencyKey = Hashing.Of(new[] { BatchId, StageCatalog.Ingest.Name, StageVersion, ThemeSpecRef ?? "" }
            .Concat(doc.PhotoIndex.Select(e => e.PhotoId + "|" + e.Uri + (e.CompanionUri is null ? "" : "|" + e.CompanionUri)))
            .Concat(doc.Errors.Select(e => e.Uri + "|" + e.ErrorId))
            .Concat(doc.UserOverrides.LockIn.Select(s => "lock:" + s))
            .Concat(doc.UserOverrides.Exclude.Select(s => "exclude:" + s)).ToArray());
        return doc;
    }

    /// <summary>Writes <c>intermediateJsons/ingest/&lt;batch_id&gt;.json</c> atomically and returns its path.</summary>
    public string WriteStageJson()
    {
        var path = Layout.StageJsonPath(StageCatalog.Ingest, BatchId);
        StageJson.Write(path, ToDocument());
        return path;
    }
}
