using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// The batch-level part of ingest, fed in input order on one thread: assigns the batch, flags exact
/// duplicates (same bytes ⇒ same photo id) as duplicates of the first file, applies lock-in/exclude,
/// collects errors, and writes the ingest stage JSON.
/// </summary>
public sealed class BatchIngest
{

    // The original of each photo id: the photo every exact copy names in DuplicateOf.
    private readonly Dictionary<string, Photo> _originalById = new(StringComparer.Ordinal);
    private readonly List<Photo> _photos = new();
    private readonly List<StageError> _errors = new();

    /// <param name="library">The run's -Library roots: originals under one are recorded library-relative (docs/distributed.md#library-relative-paths).</param>
    public BatchIngest(string batchId, WorkspaceLayout layout, UserOverrides overrides, string? themeSpecRef, LibraryRoots? library = null)
    {
        Library = library ?? LibraryRoots.None;
        BatchId = BatchIds.Validate(batchId);
        Layout = layout;
        Overrides = overrides;
        ThemeSpecRef = themeSpecRef;
    }

    public string BatchId { get; }
    public WorkspaceLayout Layout { get; }
    public UserOverrides Overrides { get; }
    public string? ThemeSpecRef { get; }
    public LibraryRoots Library { get; }
    public IReadOnlyList<Photo> Photos => _photos;
    public IReadOnlyList<StageError> Errors => _errors;
    public int DuplicateCount { get; private set; }

    /// <summary>Adds an inspected photo to the batch and completes its batch-level fields.</summary>
    public Photo Accept(Photo photo)
    {
        photo.BatchId = BatchId;
        photo.Workspace = Layout.Root;
        photo.LibraryPath = Library.TryPortable(photo.Path);
        if (_originalById.TryGetValue(photo.PhotoId, out var original))
        {
            DuplicateCount++;
            if (OriginalOrder.Compare(photo, original) < 0)
            {
                // The copy came first (ordinally "_DSC2061 (1).JPG" sorts before "_DSC2061.JPG"): the
                // earlier-named file becomes the original and the photos already accepted follow it.
                _originalById[photo.PhotoId] = photo;
                foreach (var p in _photos.Where(p => p.PhotoId == photo.PhotoId)) p.DuplicateOf = photo.Path;
            }
            else
            {
                photo.DuplicateOf = original.Path;
            }
        }
        else
        {
            _originalById[photo.PhotoId] = photo;
        }
        Overrides.Apply(photo);
        _photos.Add(photo);
        return photo;
    }

    public void Reject(string path, string errorId, string message) =>
        _errors.Add(new StageError { Uri = OriginalPaths.ToStored(path, Library), ErrorId = errorId, Message = message });

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
                Uri = OriginalPaths.ToStored(p),
                CompanionUri = p.CompanionPath is null ? null : OriginalPaths.ToStored(p.CompanionPath, Library),
                FileName = p.FileName,
                Format = p.Format,
                FileSize = p.FileSize,
                Width = p.Width,
                Height = p.Height,
                DuplicateOf = p.DuplicateOf is null ? null : OriginalPaths.ToStored(p.DuplicateOf, Library),
                Locked = p.IsLocked,
                Excluded = p.IsExcluded,
                Exif = ExifRecord.From(p.Exif),
            });
        }
        doc.IdempotencyKey = Hashing.Of(new[] { BatchId, StageCatalog.Ingest.Name, StageCatalog.Ingest.Version, ThemeSpecRef ?? "" }
            .Concat(doc.PhotoIndex.Select(e => e.PhotoId + "|" + e.Uri + (e.CompanionUri is null ? "" : "|" + e.CompanionUri)))
            .Concat(doc.Errors.Select(e => e.Uri + "|" + e.ErrorId))
            .Concat(doc.UserOverrides.LockIn.Select(s => "lock:" + s))
            .Concat(doc.UserOverrides.Exclude.Select(s => "exclude:" + s)).ToArray());
        return doc;
    }

    /// <summary>
    /// Writes <c>intermediateJsons/ingest/&lt;batch_id&gt;.json</c> atomically and returns its path; with
    /// library roots, records them first (<see cref="LibraryManifest"/>) for later steps that read the batch.
    /// </summary>
    public string WriteStageJson()
    {
        LibraryManifest.Write(Layout, BatchId, Library);
        return StageDocumentWriter.Write(Layout, ToDocument());
    }
}
