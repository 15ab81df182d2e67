using System.Collections.Concurrent;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The per-photo stages a worker runs for a chunk — the same <see cref="IPhotoStage{TResult}"/> classes,
/// built with the same options, as <see cref="Curation.CurationSession"/> runs locally (preprocess,
/// features with the models found, faces), so every result lands in the shared content-addressed cache
/// under the key the coordinator's own run will look up. Scoring is not run here: it is a formula over
/// the cached features, cached nowhere, and the coordinator computes it in a fraction of the time it
/// takes to read the stage records (docs/distributed.md#what-runs-where). Models load once per worker.
/// </summary>
public sealed class WorkerChain : IDisposable
{
    /// <summary>Test hook: a worker that meets a photo whose path ends with this (a file name, or folder/name) dies on the spot (a poison chunk).</summary>
    public const string CrashHookVariable = "PHOTOCURATION_TEST_WORKER_CRASH_ON";

    private readonly WorkspaceLayout _layout;
    private readonly LibraryRoots _library;
    private readonly ModelPipeline? _models;
    private readonly FaceAnalyzer? _faces;
    private readonly string? _faceModel;
    private readonly Preprocessor _preprocess;
    private readonly ConcurrentDictionary<string, FeatureStage> _features = new(StringComparer.Ordinal);
    private readonly string? _crashOn = Environment.GetEnvironmentVariable(CrashHookVariable) is { Length: > 0 } name ? name : null;

    public WorkerChain(string workspace, LibraryRoots library, string? moduleModelsDir, int workers, Action<string> warn)
    {
        _layout = new WorkspaceLayout(workspace);
        _library = library;
        var catalog = ModelCatalog.Discover(null, moduleModelsDir);
        try
        {
            _models = ModelPipeline.Create(catalog, ModelDevice.Auto, workers, warn);
        }
        catch (ModelValidationException ex)
        {
            warn($"{ex.Message} Model fields stay null.");
        }
        try
        {
            (_faces, _faceModel) = FaceStage.Open(catalog, ModelDevice.Auto, workers, warn);
        }
        catch (ModelValidationException ex)
        {
            warn($"{ex.Message} Faces stay empty.");
        }
        _preprocess = new Preprocessor(_layout, new PreprocessOptions());
    }

    public string Workspace => _layout.Root;

    /// <summary>Runs the chain over one chunk, one photo after the other; a bad photo gets its outcome and the chunk goes on.</summary>
    public List<PhotoOutcome> Run(ChunkTask task, CancellationToken cancellation)
    {
        var features = _features.GetOrAdd(task.Theme ?? "", _ => new FeatureStage(_layout, _models is null ? null
            : new ModelFeatures(_models, _layout, ThemeResolver.Resolve(task.Theme, _layout.Root).Mood)));
        var faces = new FaceStage(_layout, _faces, _faceModel);
        var outcomes = new List<PhotoOutcome>(task.Photos.Count);
        foreach (var photo in task.Photos)
        {
            cancellation.ThrowIfCancellationRequested();
            if (_crashOn is not null && ("/" + photo.Path.Replace('\\', '/')).EndsWith("/" + _crashOn, StringComparison.Ordinal))
            {
                Environment.FailFast($"test hook {CrashHookVariable}: worker crashes on {photo.FileName}");
            }
            outcomes.Add(RunOne(photo, features, faces, cancellation));
        }
        return outcomes;
    }

    private PhotoOutcome RunOne(Photo photo, FeatureStage features, FaceStage faces, CancellationToken cancellation)
    {
        var outcome = new PhotoOutcome { PhotoId = photo.PhotoId };
        try
        {
            photo.Path = _library.ToLocal(photo.Path);
            if (photo.CompanionPath is not null) photo.CompanionPath = _library.ToLocal(photo.CompanionPath);
            photo.Workspace = _layout.Root;
            if (!Step(_preprocess, photo, cancellation, outcome)) return outcome;
            if (!Step(features, photo, cancellation, outcome)) return outcome;
            Step(faces, photo, cancellation, outcome);
        }
        catch (PhotoInputException ex)
        {
            (outcome.FailedStage, outcome.ErrorId, outcome.Message) = (StageCatalog.Ingest.Name, ex.ErrorId, ex.Message);
        }
        return outcome;
    }

    /// <summary>One stage for one photo; false when the photo stops here (failed, or the stage lets it go).</summary>
    private static bool Step<T>(IPhotoStage<T> stage, Photo photo, CancellationToken cancellation, PhotoOutcome outcome) where T : class
    {
        try
        {
            return stage.Attach(photo, stage.Process(photo, cancellation));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var (id, message) = PhotoInputException.Describe(ex, photo.Path);
            (outcome.FailedStage, outcome.ErrorId, outcome.Message) = (stage.Descriptor.Name, id, message);
            return false;
        }
    }

    public void Dispose()
    {
        _models?.Dispose();
        _faces?.Dispose();
    }
}
