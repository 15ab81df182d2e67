using System.Diagnostics;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Curation;

/// <summary>
/// One curation of a shoot, the whole chain in the engine: ingest → (the batch's overrides file) →
/// preprocess → features → faces → scoring → clustering → (ranking) → optimizer → exporter. Every stage is
/// called directly — never as a PowerShell command — with the parameters <see cref="SelectionPrecedence"/>
/// and the theme decide, and writes where the <see cref="WorkspaceLayout"/> says. Progress, errors,
/// warnings and timings go to the <see cref="ICurationReporter"/>; bad photos are reported and the run
/// goes on. Runs on the caller's thread (the pipeline thread), which is where the reporter is called.
/// </summary>
public sealed class CurationSession
{
    private readonly CurationRequest _request;
    private readonly ICurationReporter _reporter;
    private readonly CancellationToken _cancellation;
    private readonly WorkspaceLayout _layout;
    private readonly Dictionary<string, long> _timings = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = new();
    // The per-photo stages every photo of the run took from the cache, in order.
    private readonly List<string> _cachedStages = new();
    private int _errors;

    /// <exception cref="ThemeValidationException">The theme is not valid.</exception>
    /// <exception cref="FileNotFoundException">The theme does not exist.</exception>
    public CurationSession(CurationRequest request, ICurationReporter reporter, CancellationToken cancellation)
    {
        _request = request;
        _reporter = new Counting(reporter, this);
        _cancellation = cancellation;
        _layout = new WorkspaceLayout(request.Workspace);
        Theme = ThemeResolver.Resolve(request.Theme, _layout.Root);
        Validate(request, Theme);
    }

    /// <summary>Every parameter checked before any photo is read: a run that cannot finish must not start.</summary>
    /// <exception cref="CurationParameterException">A parameter cannot work.</exception>
    public static void Validate(CurationRequest request, PhotoTheme theme)
    {
        if (request.BatchId is { } batchId)
        {
            try
            {
                BatchIds.Validate(batchId);
            }
            catch (ArgumentException ex)
            {
                throw new CurationParameterException("InvalidBatchId", nameof(request.BatchId), ex.Message);
            }
        }
        foreach (var (axis, value) in request.Selection.AxisEmphasis ?? new Dictionary<string, double>())
        {
            if (!Axes.All.Contains(axis, StringComparer.Ordinal))
                throw new CurationParameterException("UnknownAxis", "AxisEmphasis", $"Unknown axis '{axis}' in -AxisEmphasis. Axes: {string.Join(", ", Axes.All)}.");
            if (value < 0 || !double.IsFinite(value))
                throw new CurationParameterException("InvalidAxisEmphasis", "AxisEmphasis", $"-AxisEmphasis {axis} must be a number of 0 or more, not {value}.");
        }
        if (request.OutputPath is { } output && File.Exists(output))
            throw new CurationParameterException("InvalidOutputPath", "OutputPath", $"-OutputPath '{output}' is a file; give a folder for the exported copies.");
        if (request.Ranking is { } ranking && ranking.Unavailable(ranking.Settings(theme), new SecretRedactor(ranking.ApiKey)) is { } reason)
            throw new CurationParameterException("JudgeUnavailable", "Judge", $"The judge '{ranking.Judge}' cannot be used: {reason}. Nothing was read; run without -Judge, or set the key and endpoint first.");
    }

    public PhotoTheme Theme { get; }

    /// <summary>The stages this run goes through, in order (ranking only with a judge).</summary>
    public IReadOnlyList<StageDescriptor> Stages => StageCatalog.All.Where(s => s != StageCatalog.Ranking || _request.Ranking is not null).ToList();

    /// <summary>The per-photo stages after ingest, in catalogue order: the chain every imported photo streams through.</summary>
    private static IReadOnlyList<StageDescriptor> StreamedStages => StageCatalog.PerPhoto.Where(s => s.Opener is not null).ToList();

    /// <summary>Runs the chain. Throws <see cref="InvalidDataException"/> for a bad overrides file (selecting without it would break a lock).</summary>
    public CurationSummary Run()
    {
        var total = Stopwatch.StartNew();
        var summary = new CurationSummary { Workspace = _layout.Root, Theme = _request.Theme ?? "default" };

        var (imported, overrides, streamed) = _request.Distribution is { } distribution ? Distributed(distribution) : Streamed();
        summary.Imported = imported.Count;
        if (imported.Count == 0) return Finish(summary, total, "no photos were imported");
        summary.BatchId = imported[0].BatchId;

        var scored = streamed[StreamedStages[^1]];
        var kept = scored.Where(p => p.Score is { IsDropped: false }).ToList();
        summary.Kept = kept.Count;
        summary.Dropped = scored.Count - kept.Count;
        summary.CachedStages = _cachedStages.ToArray();
        if (kept.Count == 0) return Finish(summary, total, "every photo failed the technical gate");

        var moments = Step(StageCatalog.Clustering, () => Group(summary.BatchId, kept));
        if (_request.Ranking is { } ranking) Step(StageCatalog.Ranking, () => Rank(ranking, summary.BatchId, moments));
        summary.Moments = moments.Count;
        summary.Grouped = moments.Where(m => m.Count > 1).Sum(m => m.Count);

        var dropped = scored.Where(p => p.Score is { IsDropped: true }).ToList();
        var set = Step(StageCatalog.Optimizer, () => Select(summary.BatchId, moments, dropped, overrides));
        summary.CuratedSet = set;
        summary.Selected = set.Count;
        summary.CuratedListPath = Step(StageCatalog.Exporter, () => Export(set));
        return Finish(summary, total, null);
    }

    /// <summary>
    /// Ingest and every per-photo stage after it as one stream, photo by photo, as a PowerShell pipeline
    /// of their cmdlets would run: each photo ingest emits goes on through the chain with the bytes ingest
    /// read (one read per original), preprocess hands its standardized JPEG on in memory (one decode
    /// of the original, no file read back), and features hand the pixels they decoded to faces (no
    /// second decode); docs/architecture.md#one-read-one-decode. The stages overlap,
    /// so each one's time runs from the start of the stream to its own end. The batch's overrides file
    /// applies to each photo as ingest emits it, before any stage judges it.
    /// </summary>
    private (List<Photo> Imported, BatchOverrides? Overrides, Dictionary<StageDescriptor, IReadOnlyList<Photo>> Streamed) Streamed()
    {
        var imported = new List<Photo>();
        var context = Context() with { Originals = new Handoff<byte[]>(), StandardizedJpeg = new Handoff<byte[]>(), StandardizedPixels = new Handoff<FeatureImage>() };
        var clock = Stopwatch.StartNew();
        Started(StageCatalog.Ingest);
        foreach (var stage in StreamedStages) Started(stage);
        BatchOverrides? overrides = null;
        using var chain = new PhotoStageChain(StreamedStages, context, _reporter, _layout.Root, _cancellation);
        using (var ingest = new IngestRun(_reporter, photo =>
            {
                imported.Add(photo);
                overrides?.ApplyTo(new[] { photo });
                chain.Add(photo);
            }, PhotoInspector.DefaultMaxMegapixels, _request.Workers, null, null, _cancellation) { Originals = context.Originals })
        {
            ingest.StartBatch(_request.BatchId ?? DefaultBatchId(), _layout.Root, new UserOverrides(_request.LockIn, _request.Exclude), _request.Theme, _request.Library);
            overrides = LoadOverrides(ingest.Batch.BatchId);
            if (_request.Files.Count > 0) ingest.AddFiles(_request.Files);
            foreach (var path in _request.Paths) ingest.Add(path, _request.Recurse);
            var (_, ingestSummary) = ingest.Complete();
            foreach (var (list, entry) in ingest.UnmatchedOverrides()) Warn($"The {list} entry '{entry}' matched no photo in batch '{ingest.Batch.BatchId}'.");
            _reporter.Verbose($"{StageCatalog.Ingest.Cmdlet}: {ingestSummary}");
            Finished(StageCatalog.Ingest, clock, imported.Count);
        }
        var streamed = Complete(chain, clock);
        // Photos that left the stream between two stages (a failed preprocess) leave nothing behind.
        context.Originals.Clear();
        context.StandardizedJpeg.Clear();
        context.StandardizedPixels.Clear();
        return (imported, overrides, streamed);
    }

    /// <summary>
    /// With -Broker this process only lists the files: the workers read each original once for ingest's
    /// inspection and the per-photo stages, and the chain here takes their results (the error a worker
    /// met included) instead of computing, writing the same stage JSON as the only writer
    /// (docs/distributed.md#what-runs-where). The files of a dead-lettered chunk are ingest errors.
    /// </summary>
    private (List<Photo> Imported, BatchOverrides? Overrides, Dictionary<StageDescriptor, IReadOnlyList<Photo>> Streamed) Distributed(Distributed.DistributedRequest distribution)
    {
        var workers = new Engine.Distributed.DistributedStep(distribution, _layout);
        var imported = Step(StageCatalog.Ingest, () => Ingest(workers));
        if (imported.Count == 0) return (imported, null, StreamedStages.ToDictionary(s => s, _ => (IReadOnlyList<Photo>)Array.Empty<Photo>()));
        var overrides = LoadOverrides(imported[0].BatchId);
        overrides?.ApplyTo(imported);
        var clock = Stopwatch.StartNew();
        foreach (var stage in StreamedStages) Started(stage);
        // A shared workspace is swept as a maintenance step, not by the run (StaleTempSweep).
        var context = Context() with { Decorator = workers, SharedWorkspace = true };
        using var chain = new PhotoStageChain(StreamedStages, context, _reporter, _layout.Root, _cancellation);
        chain.ExpectMore(imported.Count);
        foreach (var photo in imported) chain.Add(photo);
        return (imported, overrides, Complete(chain, clock));
    }

    /// <summary>What every per-photo stage of this run is opened with.</summary>
    private PhotoStageContext Context() => new(Theme, _request.ModuleModelsDir, ModelDevice.Auto, _request.Workers, Warn, _reporter.Verbose);

    /// <summary>Finishes the chain's stages in order, timing each from <paramref name="clock"/>'s start.</summary>
    private Dictionary<StageDescriptor, IReadOnlyList<Photo>> Complete(PhotoStageChain chain, Stopwatch clock)
    {
        var streamed = new Dictionary<StageDescriptor, IReadOnlyList<Photo>>();
        chain.Complete((stage, output, counts) =>
        {
            _reporter.Verbose($"{stage.Cmdlet}: {counts.Summary()}");
            Finished(stage, clock, output.Count);
            streamed[stage] = output.ToList();
            if (counts.Completed > 0 && counts.FromCache == counts.Completed) _cachedStages.Add(stage.Name);
        });
        return streamed;
    }

    private void Started(StageDescriptor stage)
    {
        _cancellation.ThrowIfCancellationRequested();
        var stages = Stages.ToList();
        _reporter.StageStarted(stage, stages.IndexOf(stage), stages.Count);
    }

    private void Finished(StageDescriptor stage, Stopwatch clock, int count)
    {
        _timings[stage.TimingKey] = clock.ElapsedMilliseconds;
        _reporter.StageFinished(stage, clock.ElapsedMilliseconds, $"{count} objects");
    }

    /// <summary>
    /// The batch's overrides file (the review page's lock/exclude): it decides before the gate does, so a
    /// photo locked there is never dropped by the technical gate on a later run.
    /// </summary>
    private BatchOverrides? LoadOverrides(string batchId)
    {
        var overrides = BatchOverridesFile.Load(_layout, batchId);
        if (overrides is not null)
            _reporter.Verbose($"lock-in and exclude from the batch's overrides file ({overrides.UserOverrides.LockIn.Count} locked, {overrides.UserOverrides.Exclude.Count} excluded)");
        return overrides;
    }

    /// <summary>Ingest alone (the distributed run: workers do the per-photo stages from the shared cache).</summary>
    /// <summary>Ingest of a distributed run: this process lists the files, the workers inspect them (<see cref="Distributed.DistributedStep"/>).</summary>
    private List<Photo> Ingest(Distributed.DistributedStep workers)
    {
        var photos = new List<Photo>();
        using var run = new IngestRun(_reporter, photos.Add, PhotoInspector.DefaultMaxMegapixels, _request.Workers, null, null, _cancellation) { ListOnly = true };
        run.StartBatch(_request.BatchId ?? DefaultBatchId(), _layout.Root, new UserOverrides(_request.LockIn, _request.Exclude), _request.Theme, _request.Library);
        if (_request.Files.Count > 0) run.AddFiles(_request.Files);
        foreach (var path in _request.Paths) run.Add(path, _request.Recurse);
        workers.Ingest(run, _request.Theme, _reporter, _cancellation);
        var (_, summary) = run.Complete();
        foreach (var (list, entry) in run.UnmatchedOverrides()) Warn($"The {list} entry '{entry}' matched no photo in batch '{run.Batch.BatchId}'.");
        _reporter.Verbose($"{StageCatalog.Ingest.Cmdlet}: {summary}");
        return photos;
    }

    private string DefaultBatchId()
    {
        var first = _request.Paths.FirstOrDefault() ?? _request.Files.FirstOrDefault() ?? "batch";
        var folder = Directory.Exists(first) ? first : Path.GetDirectoryName(first) ?? "batch";
        return BatchIds.FromName(Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)));
    }

    private List<PhotoMoment> Group(string batchId, IReadOnlyList<Photo> kept)
    {
        var stage = new MomentStage(Theme, MomentStage.ParametersFor(Theme), calibrate: false, EmbeddingSource.For(kept.ToList()));
        return BatchStageRun.Run(stage, new MomentStage.Input(batchId, _layout.Root, kept, Array.Empty<StageError>()), _layout, _cancellation).Result.Moments.ToList();
    }

    private void Rank(RankingRequest request, string batchId, IReadOnlyList<PhotoMoment> moments)
    {
        var settings = request.Settings(Theme);
        var redactor = new SecretRedactor(request.ApiKey);
        var (judge, unavailable) = request.CreateJudge(settings, redactor);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var ranker = new RankingStage(settings, Theme, _layout, judge, unavailable, log.Enqueue);
        var task = Task.Run(() => BatchStageRun.Run(ranker, new RankingStage.Input(batchId, moments), _layout, _cancellation).Result, _cancellation);
        // Verbose lines are reported on this thread while the judge works.
        while (!task.IsCompleted)
        {
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(100);
            while (log.TryDequeue(out var line)) _reporter.Verbose(line);
        }
        var outcome = task.GetAwaiter().GetResult();
        while (log.TryDequeue(out var line)) _reporter.Verbose(line);
        foreach (var fallback in outcome.Fallbacks) Warn(fallback.Scope == RankingStage.Openers
            ? $"Openers of batch '{batchId}' keep their Total_prelim order: {fallback.Reason}"
            : $"Moment {fallback.Scope} keeps its Total_prelim order: {fallback.Reason}");
    }

    private CuratedSet Select(string batchId, IReadOnlyList<PhotoMoment> moments, IReadOnlyList<Photo> dropped, BatchOverrides? overrides)
    {
        var result = SelectionStep.Run(Theme, SelectionOptions.FromTheme(Theme), overrides, _request.Selection, batchId, _layout, moments, dropped);
        foreach (var prompt in result.Set.Prompts) Warn(prompt);
        return result.Set;
    }

    private string? Export(CuratedSet set)
    {
        var stage = new ExportStage(approve: null,
            problem => _reporter.PhotoFailed(StageCatalog.Exporter, problem.Target, new PhotoInputException(problem.ErrorId, problem.Kind == ExportProblemKind.Exists ? PhotoProblem.Changed : PhotoProblem.NotFound, problem.Target, problem.Message)),
            (step, ex) => _reporter.PhotoFailed(StageCatalog.Exporter, step.Target, ex), Warn);
        var export = stage.Run(new ExportStage.Input(set, _layout.Root, new ExportOptions { Xmp = _request.Xmp, Csv = _request.Csv, OutputPath = _request.OutputPath, SidecarsBesideOriginals = _request.SidecarsBesideOriginals }), _cancellation).Export;
        return File.Exists(export.JsonPath) ? export.JsonPath : null;
    }

    /// <summary>Runs one stage between its start and finish reports, timing it.</summary>
    private T Step<T>(StageDescriptor stage, Func<T> run)
    {
        Started(stage);
        var clock = Stopwatch.StartNew();
        var result = run();
        Finished(stage, clock, result is System.Collections.ICollection c ? c.Count : result is null ? 0 : 1);
        return result;
    }

    private void Step(StageDescriptor stage, Action run) => Step(stage, () => { run(); return true; });

    private CurationSummary Finish(CurationSummary summary, Stopwatch total, string? stoppedBecause)
    {
        if (stoppedBecause is not null) Warn($"Invoke-PhotoCuration stopped early: {stoppedBecause}.");
        summary.Failed = _errors;
        summary.StageTimingsMs = new Dictionary<string, long>(_timings, StringComparer.Ordinal);
        summary.TotalMs = total.ElapsedMilliseconds;
        summary.Warnings = _warnings.ToArray();
        return summary;
    }

    private void Warn(string message) => _reporter.Warning(message);

    /// <summary>Passes every report on, counting errors and keeping warnings for the summary.</summary>
    private sealed class Counting : ICurationReporter
    {
        private readonly ICurationReporter _inner;
        private readonly CurationSession _session;

        public Counting(ICurationReporter inner, CurationSession session)
        {
            _inner = inner;
            _session = session;
        }

        public void Progress(StageDescriptor stage, int done, int total) => _inner.Progress(stage, done, total);

        public void PhotoFailed(StageDescriptor stage, string path, Exception error)
        {
            _session._errors++;
            _inner.PhotoFailed(stage, path, error);
        }

        public void Warning(string message)
        {
            _session._warnings.Add(message);
            _inner.Warning(message);
        }

        public void Verbose(string message) => _inner.Verbose(message);

        public void StageStarted(StageDescriptor stage, int index, int count) => _inner.StageStarted(stage, index, count);

        public void StageFinished(StageDescriptor stage, long milliseconds, string summary) => _inner.StageFinished(stage, milliseconds, summary);
    }
}
