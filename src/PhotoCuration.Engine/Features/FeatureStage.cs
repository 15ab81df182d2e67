using PhotoCuration.Engine.Pipeline;
using System.Collections.Concurrent;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// The features stage for one workspace: extracts a photo's features from its standardized image,
/// cached by (photo id, stage version) and vouching for the standardized image and the saliency PNG,
/// so a changed or damaged file means recomputation.
/// </summary>
public sealed class FeatureStage : IPhotoStage<PhotoFeatures>
{
    public static readonly string StageName = StageCatalog.Features.Name;

    private readonly WorkspaceLayout _layout;
    private readonly StageCache _cache;
    // Byte-identical files share a cache key: the second waits here and then reads the first's entry.
    private readonly ConcurrentDictionary<string, object> _keyLocks = new(StringComparer.Ordinal);

    private readonly Models.ModelFeatures? _models;

    public FeatureStage(WorkspaceLayout layout, Models.ModelFeatures? models = null)
    {
        _layout = layout;
        _models = models;
        _cache = new StageCache(layout, StageCatalog.Features);
    }

    public StageDescriptor Descriptor => StageCatalog.Features;

    public string? CacheKey(Photo photo) => StageCache.Key(photo.PhotoId, StageCatalog.Features, parametersHash: "", modelId: _models?.Id ?? "");

    public bool FromCache(PhotoFeatures result) => result.FromCache;

    public bool Attach(Photo photo, PhotoFeatures result)
    {
        photo.Features = result;
        return true;
    }

    public StageRecord NewRecord(string batchId) => new FeaturesBatch(batchId, _layout);

    /// <summary>
    /// Standardized JPEGs preprocess handed over in the same streamed run (the curation session): decoded
    /// from memory instead of read back from disk (docs/architecture.md#one-read-one-decode).
    /// </summary>
    public Handoff<byte[]>? StandardizedJpeg { get; init; }

    /// <summary>
    /// When set, the decoded standardized image of each photo measured here is handed to the face stage
    /// of the same streamed run instead of being released, so faces do not decode it again
    /// (docs/architecture.md#one-read-one-decode). The face stage owns and disposes it.
    /// </summary>
    public Handoff<FeatureImage>? StandardizedPixels { get; init; }

    public PhotoFeatures Process(Photo photo, CancellationToken cancellation = default) =>
        Process(photo, StandardizedJpeg?.Take(photo.Path), cancellation);

    /// <summary>
    /// The features of a preprocessed photo, measured on <paramref name="standardizedJpeg"/> when given
    /// (the bytes of the standardized image as written, so the result is identical to reading the file)
    /// and on the file otherwise.
    /// </summary>
    public PhotoFeatures Process(Photo photo, byte[]? standardizedJpeg, CancellationToken cancellation = default)
    {
        if (photo.Preprocess is null || !File.Exists(photo.Preprocess.StandardizedPath))
        {
            throw new PhotoInputException(PhotoErrorIds.NotPreprocessed, PhotoProblem.NotFound, photo.Path,
                $"'{photo.FileName}' has no standardized image; run Invoke-Preprocess first.");
        }
        var key = CacheKey(photo)!;
        lock (_keyLocks.GetOrAdd(key, _ => new object()))
        {
            var cached = _cache.TryGet<PhotoFeatures>(key);
            if (cached is not null)
            {
                cached.FromCache = true;
                cached.SaliencyPath = cached.SaliencyPath is null ? null : WorkspacePaths.ToFull(_layout, cached.SaliencyPath);
                _models?.FromStored(cached);
                return cached;
            }
            cancellation.ThrowIfCancellationRequested();
            // An exact duplicate is named after the first file with its bytes, as in preprocess.
            var saliency = WorkspaceLayout.DerivedPath(_layout.SaliencyDir, photo.DuplicateOf ?? photo.Path, photo.PhotoId, "_sal.png");
            // The model encodes the image while the model-free features are measured.
            var embedding = _models?.Begin(photo.Preprocess.StandardizedPath, cancellation);
            var original = (photo.Preprocess.OriginalWidth, photo.Preprocess.OriginalHeight);
            var image = standardizedJpeg is null ? FeatureImage.Load(photo.Preprocess.StandardizedPath) : FeatureImage.Load(standardizedJpeg);
            var handed = false;
            try
            {
                var features = FeatureExtractor.Extract(image, photo.Exif.CaptureTimeLocal, saliency, original, photo.Preprocess.EffectiveLongEdge);
                if (embedding is not null) _models!.Complete(embedding, photo, features, image, cancellation);
                var stored = WorkspacePaths.ToRelative(_layout, saliency);
                features.SaliencyPath = stored;
                var modelFiles = _models?.ToStored(features).ToList() ?? new List<string>();
                var written = modelFiles.Prepend(stored).ToArray();
                string? saliencyPath = saliency;
                // Another worker stored this photo first (a copy of it, named after another path): use its files.
                if (!_cache.Put(key, photo.PhotoId, features, written.Prepend(WorkspacePaths.ToRelative(_layout, photo.Preprocess.StandardizedPath)).ToArray())
                    && _cache.Adopt<PhotoFeatures>(key, written) is { } first)
                {
                    features = first;
                    saliencyPath = features.SaliencyPath is null ? null : WorkspacePaths.ToFull(_layout, features.SaliencyPath);
                }
                features.SaliencyPath = saliencyPath;
                _models?.FromStored(features);
                // Handed on only when the photo goes on to the next stage (a failed photo leaves nothing behind).
                if (StandardizedPixels is { } next)
                {
                    next.Put(photo.Path, image);
                    handed = true;
                }
                return features;
            }
            finally
            {
                if (!handed) image.Dispose();
            }
        }
    }
}
