using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds <see cref="Photo"/> objects by joining the per-photo stage records of one batch on photo id:
/// ingest (file, EXIF, lock/exclude, duplicates) → preprocess → features → faces (when recorded) → scoring. The photos emitted
/// are those the last stage lists, in ingest order; an exact duplicate (listed once per stage under its
/// shared id) comes back with each of its files, as the live pipeline emits it.
/// </summary>
internal sealed class PhotoRebuilder
{
    /// <summary>The per-photo stages in pipeline order.</summary>
    public static readonly IReadOnlyList<string> Chain = StageCatalog.PerPhoto.Select(s => s.Name).ToList();

    private readonly StageImportContext _context;

    public PhotoRebuilder(StageImportContext context) => _context = context;

    public IEnumerable<Photo> Photos(string throughStage)
    {
        var depth = IndexOf(throughStage);
        var ingest = _context.Document<IngestStageDocument>(StageCatalog.Ingest.Name);
        var preprocess = depth >= 1 ? ById(_context.Document<PreprocessStageDocument>(Preprocessor.StageName).Artifacts, a => a.PhotoId) : null;
        var featuresDoc = depth >= 2 ? _context.Document<FeaturesStageDocument>(FeatureStage.StageName) : null;
        var features = featuresDoc is null ? null : ById(featuresDoc.Artifacts, a => a.PhotoId);
        // Faces are optional below a faces import: a batch scored without the face stage still imports.
        var facesIndex = IndexOf(StageCatalog.Faces.Name);
        var facesDoc = depth == facesIndex || (depth > facesIndex && HasDocument(StageCatalog.Faces.Name))
            ? _context.Document<FacesStageDocument>(StageCatalog.Faces.Name) : null;
        var faces = facesDoc is null ? null : ById(facesDoc.Artifacts, a => a.PhotoId);
        var scoringDoc = depth >= 4 ? _context.Document<ScoringStageDocument>(StageCatalog.Scoring.Name) : null;
        var scores = scoringDoc is null ? null : ById(scoringDoc.Scores, s => s.PhotoId);
        var rescorer = scoringDoc is null ? null : new ScoreRebuilder(scoringDoc, _context);

        var listed = depth switch
        {
            0 => (ingest.PhotoIndex ?? new()).Where(e => e is not null).Select(e => e.PhotoId).ToList(),
            1 => preprocess!.Keys.ToList(),
            2 => features!.Keys.ToList(),
            3 => faces!.Keys.ToList(),
            _ => scores!.Keys.ToList(),
        };
        var wanted = new HashSet<string>(listed, StringComparer.Ordinal);
        var indexEntries = (ingest.PhotoIndex ?? new()).Where(e => e is not null).ToList();
        var inIngest = new HashSet<string>(indexEntries.Select(e => e.PhotoId), StringComparer.Ordinal);
        foreach (var id in listed.Where(id => !inIngest.Contains(id)))
        {
            Missing(id, StageCatalog.Ingest.Name);
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in indexEntries)
        {
            if (!wanted.Contains(entry.PhotoId) || failed.Contains(entry.PhotoId)) continue;
            Photo photo;
            try
            {
                photo = FromIngest(entry);
                if (depth >= 1 && !Attach(photo, preprocess!, Preprocessor.StageName, (p, a) => p.Preprocess = FromPreprocess(p, a))) { failed.Add(entry.PhotoId); continue; }
                if (depth >= 2 && !Attach(photo, features!, FeatureStage.StageName, (p, a) => p.Features = FeaturesFromStage.ToFeatures(_context.Layout, featuresDoc!.StageVersion, a))) { failed.Add(entry.PhotoId); continue; }
                if (depth == facesIndex && !Attach(photo, faces!, StageCatalog.Faces.Name, (p, a) => FromFaces(p, facesDoc!, a))) { failed.Add(entry.PhotoId); continue; }
                if (depth > facesIndex && faces is not null && faces.TryGetValue(photo.PhotoId, out var known)) FromFaces(photo, facesDoc!, known);
                if (depth >= 4 && !Attach(photo, scores!, StageCatalog.Scoring.Name, (p, s) => p.Score = rescorer!.Rebuild(p, s))) { failed.Add(entry.PhotoId); continue; }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                failed.Add(entry.PhotoId);
                _context.Problem(new PhotoInputException(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, _context.StageFile,
                    $"Photo {entry.PhotoId} ('{entry.FileName}') cannot be rebuilt from the {_context.Stage} record of batch '{_context.BatchId}': {ex.Message}", ex));
                continue;
            }
            if (photo.Score is { IsDropped: true } && !_context.IncludeDropped) continue;
            yield return photo;
        }
        rescorer?.Finish();
    }

    private bool HasDocument(string stage) => _context.Stage == stage || File.Exists(_context.Layout.StageJsonPath(stage, _context.BatchId));

    private static void FromFaces(Photo photo, FacesStageDocument document, FacesStageDocument.Artifact a)
    {
        photo.Faces = (a.Faces ?? new()).Where(f => f is not null).ToArray();
        photo.FaceModel = document.Model;
    }

    private bool Attach<T>(Photo photo, IReadOnlyDictionary<string, T> records, string stage, Action<Photo, T> apply)
    {
        if (!records.TryGetValue(photo.PhotoId, out var record))
        {
            Missing(photo.PhotoId, stage, photo.FileName);
            return false;
        }
        apply(photo, record);
        return true;
    }

    private void Missing(string photoId, string stage, string? fileName = null) =>
        _context.Problem(new PhotoInputException(PhotoErrorIds.PhotoNotInEarlierStage, PhotoProblem.NotFound, _context.StageFile,
            $"Photo {photoId}{(fileName is null ? "" : $" ('{fileName}')")} of the {_context.Stage} record is not in the {stage} record of batch '{_context.BatchId}' ({_context.Layout.StageJsonPath(stage, _context.BatchId)}); it was skipped."));

    private Photo FromIngest(IngestStageDocument.PhotoIndexEntry e)
    {
        var path = WorkspacePaths.FromUriOrPath(e.Uri, _context.Layout.Root);
        return new Photo
        {
            PhotoId = e.PhotoId,
            Path = path,
            FileName = string.IsNullOrEmpty(e.FileName) ? System.IO.Path.GetFileName(path) : e.FileName,
            BatchId = _context.BatchId,
            Workspace = _context.Layout.Root,
            Format = e.Format,
            FileSize = e.FileSize,
            Width = e.Width,
            Height = e.Height,
            Exif = (e.Exif ?? new ExifRecord()).ToExif(),
            IsLocked = e.Locked,
            IsExcluded = e.Excluded,
            DuplicateOf = e.DuplicateOf is null ? null : WorkspacePaths.FromUriOrPath(e.DuplicateOf, _context.Layout.Root),
        };
    }

    private PhotoPreprocess FromPreprocess(Photo photo, PreprocessStageDocument.Artifact a)
    {
        var m = a.ProcessingMetadata ?? throw new FormatException("processing_metadata is missing.");
        return new PhotoPreprocess
        {
            OriginalPath = photo.Path,
            RankingPath = WorkspacePaths.ToFull(_context.Layout, a.RankingUri),
            StandardizedPath = WorkspacePaths.ToFull(_context.Layout, a.StdUri),
            OriginalWidth = Pair(m.OriginalSize, "original_size")[0],
            OriginalHeight = Pair(m.OriginalSize, "original_size")[1],
            RankingWidth = Pair(m.RankingSize, "ranking_size")[0],
            RankingHeight = Pair(m.RankingSize, "ranking_size")[1],
            StandardizedWidth = Pair(m.StandardizedSize, "standardized_size")[0],
            StandardizedHeight = Pair(m.StandardizedSize, "standardized_size")[1],
            ProcessingMethod = m.ProcessingMethod,
            // Nothing was decoded: the result is a stored one, like a cache hit.
            FromCache = true,
        };
    }

    private static int[] Pair(int[]? size, string name) =>
        size is { Length: 2 } ? size : throw new FormatException($"{name} must be [width, height].");

    private static IReadOnlyDictionary<string, T> ById<T>(IEnumerable<T>? records, Func<T, string> id)
    {
        // Insertion order is the stage's order; the first record of an id wins.
        var map = new OrderedById<T>();
        foreach (var r in records ?? Enumerable.Empty<T>())
        {
            if (r is not null && !string.IsNullOrEmpty(id(r))) map.TryAdd(id(r), r);
        }
        return map;
    }

    private static int IndexOf(string stage)
    {
        var index = Chain.ToList().IndexOf(stage);
        return index >= 0 ? index : throw new ArgumentException($"'{stage}' is not a per-photo stage ({string.Join(", ", Chain)}).", nameof(stage));
    }

    /// <summary>A dictionary that enumerates its keys in insertion order.</summary>
    private sealed class OrderedById<T> : IReadOnlyDictionary<string, T>
    {
        private readonly Dictionary<string, T> _map = new(StringComparer.Ordinal);
        private readonly List<string> _keys = new();

        public void TryAdd(string key, T value)
        {
            if (_map.TryAdd(key, value)) _keys.Add(key);
        }

        public T this[string key] => _map[key];
        public IEnumerable<string> Keys => _keys;
        public IEnumerable<T> Values => _keys.Select(k => _map[k]);
        public int Count => _keys.Count;
        public bool ContainsKey(string key) => _map.ContainsKey(key);
        public bool TryGetValue(string key, out T value) => _map.TryGetValue(key, out value!);
        public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => _keys.Select(k => new KeyValuePair<string, T>(k, _map[k])).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
