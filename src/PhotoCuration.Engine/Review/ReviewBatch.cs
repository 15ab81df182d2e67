using System.Globalization;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// One batch as the review needs it, read from its cached stages: every scored photo (the dropped ones
/// too) rebuilt by Import-PhotoStage's engine, the moments of the clustering record (in the judge's order
/// when the ranking record has one), and the latest optimizer record. Nothing is recomputed: a re-run of
/// selection and export starts from here in seconds.
/// </summary>
public sealed class ReviewBatch
{
    private ReviewBatch(WorkspaceLayout layout, string batchId)
    {
        Layout = layout;
        BatchId = batchId;
    }

    public WorkspaceLayout Layout { get; }
    public string BatchId { get; }
    public PhotoTheme Theme { get; private set; } = null!;
    /// <summary>Every scored photo in ingest order (exact duplicates once, as the original).</summary>
    public IReadOnlyList<Photo> Photos { get; private set; } = Array.Empty<Photo>();
    public ScoringStageDocument Scoring { get; private set; } = new();
    public ClusteringStageDocument? Clustering { get; private set; }
    public RankingStageDocument? Ranking { get; private set; }
    public OptimizerStageDocument? Optimizer { get; set; }
    /// <summary>Problems met while reading (a theme that is gone, a stage record's warnings).</summary>
    public List<string> Warnings { get; } = new();
    /// <summary>Photos that could not be rebuilt, one error each (an original in a library with no root here: UnknownLibrary); the page goes on without them.</summary>
    public List<PhotoInputException> Problems { get; } = new();

    public Photo? Find(string photoId) => _byId.GetValueOrDefault(photoId);

    /// <summary>CLIP embeddings of the batch (read once from data/emb), as Select-CuratedSet uses them; none without a model.</summary>
    public Func<Photo, float[]?> Embeddings => _embeddings ??= EmbeddingSource.For(Photos.ToList());
    private Func<Photo, float[]?>? _embeddings;

    /// <summary>φ of photo pairs remembered across this batch's re-selections (every decision re-runs selection over the same photos).</summary>
    public SimilarityMemo Similarity { get; } = new();
    private Dictionary<string, Photo> _byId = new(StringComparer.Ordinal);

    /// <summary>-Library roots the batch's library-relative originals resolve through (null: the roots it recorded), kept for the exports a review re-runs.</summary>
    public Distributed.LibraryRoots? Library { get; private set; }

    /// <summary>Reads the batch; throws <see cref="PhotoInputException"/> (target: the missing file) when its scoring record is missing.</summary>
    /// <param name="library">-Library roots for library-relative originals; null: the batch's recorded ones (docs/distributed.md#library-relative-paths).</param>
    public static ReviewBatch Load(string workspace, string batchId, Distributed.LibraryRoots? library = null)
    {
        var layout = new WorkspaceLayout(workspace);
        var batch = new ReviewBatch(layout, BatchIds.Validate(batchId)) { Library = library };
        var scoringPath = layout.StageJsonPath(StageCatalog.Scoring, batchId);
        var photos = StageImporter.Import(scoringPath, layout.Root, includeDropped: true,
                batch.Problems.Add, batch.Warnings.Add, library)
            .OfType<Photo>()
            .ToList();
        // Exact duplicates share an id; the original (no DuplicateOf) stands for them, as in Group-PhotoMoment.
        batch.Photos = photos.GroupBy(p => p.PhotoId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.DuplicateOf is null ? 0 : 1).First())
            .ToList();
        batch._byId = batch.Photos.ToDictionary(p => p.PhotoId, StringComparer.Ordinal);
        batch.Scoring = StageJson.Read<ScoringStageDocument>(scoringPath) ?? new();
        batch.Clustering = ReadOptional<ClusteringStageDocument>(layout.StageJsonPath(StageCatalog.Clustering, batchId));
        batch.Ranking = ReadOptional<RankingStageDocument>(layout.StageJsonPath(StageCatalog.Ranking, batchId));
        batch.Optimizer = ReadOptional<OptimizerStageDocument>(layout.StageJsonPath(StageCatalog.Optimizer, batchId));
        batch.Theme = batch.ResolveTheme();
        return batch;
    }

    private PhotoTheme ResolveTheme()
    {
        var name = Optimizer?.ThemeSpecRef is { Length: > 0 } o ? o : Clustering?.ThemeSpecRef is { Length: > 0 } c ? c : Scoring.ThemeSpecRef;
        try
        {
            return ThemeResolver.Resolve(name, Layout.Root);
        }
        catch (Exception ex) when (ex is FileNotFoundException or ThemeValidationException)
        {
            Warnings.Add($"Theme '{name}' of batch '{BatchId}' cannot be loaded ({ex.Message}); the built-in theme is used.");
            return ThemeLoader.BuiltIn();
        }
    }

    private static T? ReadOptional<T>(string path) where T : class
    {
        if (!File.Exists(path)) return null;
        try
        {
            return StageJson.Read<T>(path);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, path, $"'{path}' is not a valid stage record: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Fresh moment objects of the clustering record, members best first (the judge's order when the
    /// ranking record has one). Photos the gate dropped are in no moment.
    /// </summary>
    public IReadOnlyList<PhotoMoment> Moments() => Clustering is null
        ? Array.Empty<PhotoMoment>()
        : MomentMapping.Rebuild(Clustering, Ranking, id => Find(id) is { } p ? new[] { p } : Array.Empty<Photo>(), Layout.Root);

    /// <summary>Photos the technical gate dropped, with the scoring record's reasons.</summary>
    public IEnumerable<(Photo Photo, IReadOnlyList<string> Reasons)> Dropped()
    {
        var listed = new HashSet<string>(Scoring.DroppedForTech ?? new(), StringComparer.Ordinal);
        foreach (var photo in Photos)
        {
            var reasons = Scoring.DropReasons?.GetValueOrDefault(photo.PhotoId);
            if (!listed.Contains(photo.PhotoId) && photo.Score is not { IsDropped: true }) continue;
            yield return (photo, reasons ?? photo.Score?.DropReasons ?? Array.Empty<string>());
        }
    }
}
