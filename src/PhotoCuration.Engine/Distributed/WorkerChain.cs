using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The per-photo stages a worker runs for a chunk, in one read of each original: ingest's inspection
/// (which reads and hashes the file) hands its bytes on, and then every stage of
/// <see cref="StageCatalog.OnWorkers"/> runs in catalogue order, each opened through its catalogue line's
/// <see cref="IPhotoStageOpener"/> with the handoffs of a streamed run — preprocess hands its standardized
/// JPEG to features, features hand the pixels they decoded to faces — exactly as
/// <see cref="Curation.CurationSession"/> opens them (docs/architecture.md#one-read-one-decode). So every
/// result lands in the shared content-addressed cache under the key a local run would use, and a new
/// per-photo stage runs here without a line changed in this folder. The results travel back to the
/// coordinator, which writes the stage JSON. Stages that depend on the batch (scoring) are left to the
/// coordinator (docs/distributed.md#what-runs-where).
/// <para>
/// A worker of concurrency N uses N cores (docs/distributed.md#cores): N chunks in hand, each one photo at a
/// time through its stages on one thread, libvips with one thread per operation and ONNX Runtime with the
/// intra-op threads N workers leave of N cores — one, the caller's. Models load once per theme a chunk
/// names (features read the theme's mood), the default theme's at start-up.
/// </para>
/// </summary>
public sealed class WorkerChain : IDisposable
{
    /// <summary>Test hook: a worker that meets a photo whose path ends with this (a file name, or folder/name) dies on the spot (a poison chunk).</summary>
    public const string CrashHookVariable = "PHOTOCURATION_TEST_WORKER_CRASH_ON";

    private readonly WorkspaceLayout _layout;
    private readonly LibraryRoots _library;
    private readonly string? _moduleModelsDir;
    private readonly Action<string> _warn;
    private readonly IReadOnlyList<StageDescriptor> _stages;
    private readonly PhotoInspector _inspector = new(PhotoInspector.DefaultMaxMegapixels);
    private readonly InspectionCache _inspections;
    private readonly Handoff<byte[]> _originals = new();
    private readonly Handoff<byte[]> _standardized = new();
    private readonly Handoff<FeatureImage> _pixels = new();
    // The worker stages opened per theme name ("" = the built-in theme), with their models.
    private readonly Dictionary<string, IReadOnlyList<OpenedPhotoStage>> _opened = new(StringComparer.Ordinal);
    private readonly string? _crashOn = Environment.GetEnvironmentVariable(CrashHookVariable) is { Length: > 0 } name ? name : null;

    /// <param name="concurrency">Chunks worked on at a time, and the cores the worker uses (at least 1).</param>
    /// <param name="stages">The stages after inspection, in order; null: the catalogue's (<see cref="StageCatalog.OnWorkers"/>).</param>
    public WorkerChain(string workspace, LibraryRoots library, string? moduleModelsDir, int concurrency, Action<string> warn, IReadOnlyList<StageDescriptor>? stages = null)
    {
        _stages = stages ?? StageCatalog.OnWorkers;
        _layout = new WorkspaceLayout(workspace);
        _library = library;
        _moduleModelsDir = moduleModelsDir;
        _warn = warn;
        Concurrency = Math.Max(1, concurrency);
        _inspections = new InspectionCache(_layout, PhotoInspector.DefaultMaxMegapixels, library.ToPortable);
        // libvips' settings (one thread per operation) are made once per process, before the first photo.
        _ = VipsRuntime.IsAvailable;
        // The built-in theme's stages (and models) now: a broken model shows at start-up, not at the first chunk.
        Open(null);
    }

    public string Workspace => _layout.Root;

    /// <summary>Chunks worked on at a time: the cores this worker uses.</summary>
    public int Concurrency { get; }

    /// <summary>The threads one photo's work may use inside libvips and ONNX Runtime (on the CPU), for the worker's start-up line.</summary>
    public (int Vips, int OnnxIntraOp) ThreadsPerPhoto =>
        (VipsRuntime.Concurrency, ExecutionProviderChoice.Select(ModelDevice.Cpu, Concurrency, Concurrency).IntraOpThreads);

    /// <summary>
    /// The worker stages for a chunk of <paramref name="theme"/>, opened through the catalogue on first use.
    /// </summary>
    /// <exception cref="ThemeValidationException">The theme is not valid here.</exception>
    /// <exception cref="FileNotFoundException">The theme does not exist on this machine.</exception>
    public IReadOnlyList<OpenedPhotoStage> Open(string? theme)
    {
        lock (_opened)
        {
            if (_opened.TryGetValue(theme ?? "", out var stages)) return stages;
            var context = new PhotoStageContext(ThemeResolver.Resolve(theme, _layout.Root), _moduleModelsDir, ModelDevice.Auto, Concurrency, _warn, _warn)
            {
                Cores = Concurrency,
                Originals = _originals,
                StandardizedJpeg = _standardized,
                StandardizedPixels = _pixels,
                // No sweep of stale temporary files as a stage opens: a shared workspace is swept as a maintenance step.
                SharedWorkspace = true,
            };
            var opened = new List<OpenedPhotoStage>();
            try
            {
                foreach (var stage in _stages) opened.Add(IPhotoStageOpener.For(stage).Open(context));
            }
            catch
            {
                foreach (var stage in opened) stage.Dispose();
                throw;
            }
            _opened[theme ?? ""] = opened;
            return opened;
        }
    }

    /// <summary>Runs the chain over one chunk, one file after the other; a bad photo gets its outcome and the chunk goes on.</summary>
    public List<FileOutcome> Run(ChunkTask task, CancellationToken cancellation)
    {
        var stages = Open(task.Theme);
        var outcomes = new List<FileOutcome>(task.Files.Count);
        foreach (var file in task.Files)
        {
            cancellation.ThrowIfCancellationRequested();
            if (_crashOn is not null && ("/" + file.Path.Replace('\\', '/')).EndsWith("/" + _crashOn, StringComparison.Ordinal))
            {
                Environment.FailFast($"test hook {CrashHookVariable}: worker crashes on {Path.GetFileName(file.Path)}");
            }
            outcomes.Add(RunOne(file, stages, cancellation));
        }
        return outcomes;
    }

    private FileOutcome RunOne(ListedFile file, IReadOnlyList<OpenedPhotoStage> stages, CancellationToken cancellation)
    {
        // This photo's handoffs apart from those of another chunk in hand with the same original path.
        using var scope = HandoffScope.Enter();
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
            // Ingest's record as inspection left it; each stage's result travels beside it under the stage's name.
            outcome.Photo = WirePhoto.ToWire(photo, _library);
            photo.Workspace = _layout.Root;
            foreach (var stage in stages)
            {
                if (!Step(stage, photo, cancellation, outcome)) break;
            }
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

    /// <summary>One stage for one photo, its result attached and packed for the coordinator; false when the photo stops here (failed, or the stage lets it go).</summary>
    private bool Step(OpenedPhotoStage stage, Photo photo, CancellationToken cancellation, FileOutcome outcome)
    {
        try
        {
            var goes = stage.Run(photo, _layout.Root, cancellation, out var result);
            (outcome.Results ??= new())[stage.Descriptor.Name] = WireResult.Pack(result, stage.ResultType, _library, _layout);
            return goes;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome.Failed = StageFailure.From(stage.Descriptor.Name, ex, photo.Path);
            return false;
        }
    }

    public void Dispose()
    {
        lock (_opened)
        {
            foreach (var stage in _opened.Values.SelectMany(s => s)) stage.Dispose();
            _opened.Clear();
        }
    }
}
