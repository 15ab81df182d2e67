using System.Collections.Concurrent;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The per-photo stages a worker runs for a chunk, in one read of each original: ingest's inspection
/// (which reads and hashes the file) hands its bytes to preprocess, preprocess hands its standardized
/// JPEG to features, and features hand the pixels they decoded to faces — the same <see cref="IPhotoStage{TResult}"/> classes, built with the
/// same options, as <see cref="Curation.CurationSession"/> streams locally
/// (docs/architecture.md#one-read-one-decode), so every result lands in the shared content-addressed
/// cache under the key a local run would use. The results travel back to the coordinator, which writes
/// the stage JSON. Scoring is not run here: it is a formula over the features that depends on the
/// batch's lock-in, which only the coordinator resolves (docs/distributed.md#what-runs-where). Models
/// load once per worker.
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
    private readonly PhotoInspector _inspector = new(PhotoInspector.DefaultMaxMegapixels);
    private readonly InspectionCache _inspections;
    private readonly Handoff<byte[]> _originals = new();
    private readonly Handoff<byte[]> _standardized = new();
    private readonly Handoff<FeatureImage> _pixels = new();
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
        _inspections = new InspectionCache(_layout, PhotoInspector.DefaultMaxMegapixels, library.ToPortable);
        // No sweep of stale temporary files at start-up: a shared workspace is swept as a maintenance step.
        _preprocess = new Preprocessor(_layout, new PreprocessOptions(), sweepStaleTemps: false) { Originals = _originals, StandardizedJpeg = _standardized };
    }

    public string Workspace => _layout.Root;

    /// <summary>Runs the chain over one chunk, one file after the other; a bad photo gets its outcome and the chunk goes on.</summary>
    public List<FileOutcome> Run(ChunkTask task, CancellationToken cancellation)
    {
        var features = _features.GetOrAdd(task.Theme ?? "", _ => new FeatureStage(_layout, _models is null ? null
            : new ModelFeatures(_models, _layout, ThemeResolver.Resolve(task.Theme, _layout.Root).Mood)) { StandardizedJpeg = _standardized, StandardizedPixels = _pixels });
        var faces = new FaceStage(_layout, _faces, _faceModel) { StandardizedPixels = _pixels };
        var outcomes = new List<FileOutcome>(task.Files.Count);
        foreach (var file in task.Files)
        {
            cancellation.ThrowIfCancellationRequested();
            if (_crashOn is not null && ("/" + file.Path.Replace('\\', '/')).EndsWith("/" + _crashOn, StringComparison.Ordinal))
            {
                Environment.FailFast($"test hook {CrashHookVariable}: worker crashes on {Path.GetFileName(file.Path)}");
            }
            outcomes.Add(RunOne(file, features, faces, cancellation));
        }
        return outcomes;
    }

    private FileOutcome RunOne(ListedFile file, FeatureStage features, FaceStage faces, CancellationToken cancellation)
    {
        var outcome = new FileOutcome { Path = file.Path };
        string primary = file.Path;
        Photo photo;
        try
        {
            primary = _library.ToLocal(file.Path);
            var companion = file.Companion is null ? null : _library.ToLocal(file.Companion);
            var inspected = EntryInspection.Inspect(primary, companion, Inspect(cancellation));
            photo = inspected.Photo;
            if (inspected.ReplacedRaw is { } raw) outcome.ReplacedRaw = StageFailure.From(StageCatalog.Ingest.Name, raw, primary);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome.Ingest = StageFailure.From(StageCatalog.Ingest.Name, ex, primary);
            return outcome;
        }
        try
        {
            photo.Workspace = _layout.Root;
            _ = Step(_preprocess, photo, cancellation, outcome) && Step(features, photo, cancellation, outcome) && Step(faces, photo, cancellation, outcome);
            outcome.Photo = WirePhoto.ToWire(photo, _library, _layout);
        }
        finally
        {
            // Whatever a stage that did not run left behind.
            _originals.Take(photo.Path);
            _standardized.Take(photo.Path);
            _pixels.Take(photo.Path)?.Dispose();
        }
        return outcome;
    }

    /// <summary>Ingest's inspection of one file, remembered in the shared workspace, its bytes handed to preprocess.</summary>
    private Func<string, Photo> Inspect(CancellationToken cancellation) =>
        path => _inspections.Inspect(path, p => _inspector.Inspect(p, cancellation, _originals.Put));

    /// <summary>One stage for one photo, its result attached; false when the photo stops here (failed, or the stage lets it go).</summary>
    private static bool Step<T>(IPhotoStage<T> stage, Photo photo, CancellationToken cancellation, FileOutcome outcome) where T : class
    {
        try
        {
            return stage.Attach(photo, stage.Process(photo, cancellation));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome.Failed = StageFailure.From(stage.Descriptor.Name, ex, photo.Path);
            return false;
        }
    }

    public void Dispose()
    {
        _models?.Dispose();
        _faces?.Dispose();
    }
}
