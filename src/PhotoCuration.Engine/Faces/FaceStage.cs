using System.Collections.Concurrent;
using System.Security.Cryptography;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// The face stage for one workspace (docs/algorithms.md#face-stage): the faces of a photo's standardized
/// image, cached by (photo id, stage version, model id) and vouching for the standardized image, so a
/// changed file means a new look. Without a face model every photo gets no faces and a null model, and
/// nothing is cached (a model installed later must look).
/// </summary>
public sealed class FaceStage : IPhotoStage<PhotoFaces>
{
    public static readonly string StageName = StageCatalog.Faces.Name;

    private readonly WorkspaceLayout _layout;
    private readonly FaceAnalyzer? _analyzer;
    private readonly string? _modelId;
    private readonly StageCache _cache;
    // Byte-identical files share a cache key: the second waits here and then reads the first's entry.
    private readonly ConcurrentDictionary<string, object> _keyLocks = new(StringComparer.Ordinal);

    /// <param name="analyzer">The opened face models (null: none installed).</param>
    /// <param name="modelId">Names the models for the cache key and the document (see <see cref="ModelId"/>).</param>
    public FaceStage(WorkspaceLayout layout, FaceAnalyzer? analyzer, string? modelId)
    {
        _layout = layout;
        _analyzer = analyzer;
        _modelId = analyzer is null ? null : modelId ?? throw new ArgumentNullException(nameof(modelId));
        _cache = new StageCache(layout, StageCatalog.Faces);
    }

    public StageDescriptor Descriptor => StageCatalog.Faces;

    public string? CacheKey(Photo photo) => _analyzer is null ? null : StageCache.Key(photo.PhotoId, StageCatalog.Faces, parametersHash: "", modelId: _modelId!);

    public bool FromCache(PhotoFaces result) => result.FromCache;

    public bool Attach(Photo photo, PhotoFaces result)
    {
        photo.Faces = result.Faces;
        photo.FaceModel = result.Model;
        return true;
    }

    public StageRecord NewRecord(string batchId) => new FacesBatch(batchId, _layout, _modelId);

    /// <summary>
    /// Standardized images the features stage of the same streamed run decoded and handed over
    /// (docs/architecture.md#one-read-one-decode): looked at instead of decoding the file again.
    /// </summary>
    public Handoff<FeatureImage>? StandardizedPixels { get; init; }

    public PhotoFaces Process(Photo photo, CancellationToken cancellation = default)
    {
        // Taken first, so a cached or failed photo does not leave its pixels behind.
        using var handed = string.IsNullOrEmpty(photo.Path) ? null : StandardizedPixels?.Take(photo.Path);
        return Process(photo, handed, cancellation);
    }

    /// <summary>
    /// The faces of a preprocessed photo, found on <paramref name="standardized"/> when given (its
    /// standardized image as decoded from the file's bytes, so the result is identical to reading the
    /// file; the caller keeps ownership) and on the file otherwise.
    /// </summary>
    public PhotoFaces Process(Photo photo, FeatureImage? standardized, CancellationToken cancellation = default)
    {
        if (photo.Preprocess is null || !File.Exists(photo.Preprocess.StandardizedPath))
        {
            throw new PhotoInputException(PhotoErrorIds.NotPreprocessed, PhotoProblem.NotFound, photo.Path,
                $"'{photo.FileName}' has no standardized image; run Invoke-Preprocess first.");
        }
        if (_analyzer is null) return new PhotoFaces();
        var key = CacheKey(photo)!;
        lock (_keyLocks.GetOrAdd(key, _ => new object()))
        {
            var cached = _cache.TryGet<PhotoFaces>(key);
            if (cached is not null)
            {
                cached.FromCache = true;
                return cached;
            }
            cancellation.ThrowIfCancellationRequested();
            PhotoFace[] faces;
            if (standardized is not null)
            {
                faces = _analyzer.Analyze(standardized).ToArray();
            }
            else
            {
                using var image = FeatureImage.Load(photo.Preprocess.StandardizedPath);
                faces = _analyzer.Analyze(image).ToArray();
            }
            var result = new PhotoFaces { Model = _modelId, Faces = faces };
            _cache.Put(key, photo.PhotoId, result, new[] { WorkspacePaths.ToRelative(_layout, photo.Preprocess.StandardizedPath) });
            return result;
        }
    }

    /// <summary>
    /// The face models of the catalogue, opened for <paramref name="device"/>, with their id; (null, null)
    /// when none is installed (the caller says so in a verbose line).
    /// </summary>
    /// <exception cref="ModelValidationException">A face model that ONNX Runtime cannot load (kept inside the engine: the cmdlets never see ONNX Runtime's types).</exception>
    /// <param name="cores">The cores the run may use (a worker's -Concurrency); null: every processor.</param>
    public static (FaceAnalyzer? Analyzer, string? ModelId) Open(ModelCatalog catalog, ModelDevice device, int workers, Action<string>? warn = null, int? cores = null)
    {
        FaceAnalyzer? analyzer;
        try
        {
            analyzer = FaceAnalyzer.Open(catalog, device, workers, warn, cores);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
        {
            throw new ModelValidationException(catalog.Faces[0].Path, $"ONNX Runtime cannot load it: {ex.Message}", ex);
        }
        if (analyzer is null) return (null, null);
        var files = new[] { catalog.Faces[0].Path }.Concat(analyzer.Eyes is null ? Array.Empty<string>() : new[] { catalog.EyeState[0].Path });
        return (analyzer, string.Join("+", files.Select(ModelId)));
    }

    /// <summary>A model file's id: its name and the first 12 hex digits of its SHA-256, so a replaced file means a new look.</summary>
    public static string ModelId(string path)
    {
        using var stream = File.OpenRead(path);
        return $"{Path.GetFileName(path)}@{Convert.ToHexString(SHA256.HashData(stream))[..12].ToLowerInvariant()}";
    }
}
