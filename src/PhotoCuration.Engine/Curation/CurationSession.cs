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

    /// <summary>Runs the chain. Throws <see cref="InvalidDataException"/> for a bad overrides file (selecting without it would break a lock).</summary>
    public CurationSummary Run()
    {
        var total = Stopwatch.StartNew();
        var summary = new CurationSummary { Workspace = _layout.Root, Theme = _request.Theme ?? "default" };

        List<Photo> imported, preprocessed, featured, faced;
        BatchOverrides? overrides;
        if (_request.Distribution is { } distribution)
        {
            // With -Broker the workers fill the shared cache first; the stages below then read it
            // (docs/distributed.md), so ingest runs on its own here instead of streaming into preprocess.
            imported = Step(StageCatalog.Ingest, Ingest);
            summary.Imported = imported.Count;
            if (imported.Count == 0) return Finish(summary, total, "no photos were imported");
            summary.BatchId = imported[0].BatchId;
            overrides = ApplyOverrides(summary.BatchId, imported);
            imported = Distributed.DistributedStep.Run(distribution, summary.BatchId, _request.Theme, imported, _reporter, _cancellation);
            preprocessed = Step(StageCatalog.Preprocess, () => PerPhoto(StageCatalog.Preprocess, imported, layout => NewPreprocessor(layout, null, null)));
            using var models = LoadModels();
            featured = Step(StageCatalog.Features, () => PerPhoto(StageCatalog.Features, preprocessed,
                layout => NewFeatureStage(layout, models, null, null)));
            faced = Step(StageCatalog.Faces, () => FindFaces(featured));
        }
        else
        {
            using (var models = LoadModels())
            {
                var (analyzer, modelId) = OpenFaceModels();
                using (analyzer)
                {
                    (imported, preprocessed, featured, faced) = IngestToFaces(models, analyzer, modelId);
                }
            }
            summary.Imported = imported.Count;
            if (imported.Count == 0) return Finish(summary, total, "no photos were imported");
            summary.BatchId = imported[0].BatchId;
            overrides = ApplyOverrides(summary.BatchId, imported);
        }

        var scored = Step(StageCatalog.Scoring, () => PerPhoto(StageCatalog.Scoring, faced, layout => new ScoringStage(layout, Theme, includeDropped: true)));
        var kept = scored.Where(p => p.Score is { IsDropped: false }).ToList();
        summary.Kept = kept.Count;
        summary.Dropped = scored.Count - kept.Count;
        summary.CachedStages = CachedStages(preprocessed, featured);
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
    /// Ingest, preprocess, features and faces as one stream, photo by photo, as a PowerShell pipeline of
    /// their cmdlets would run: each photo ingest emits goes on to preprocess with the bytes ingest read
    /// (one read per original), each photo preprocess emits goes on to features with its standardized
    /// JPEG in memory (one decode of the original, no file read back), and each photo features emits
    /// goes on to faces with the standardized pixels features decoded (no second decode);
    /// docs/architecture.md#one-read-one-decode. The four stages overlap, so each one's time runs from
    /// the start of the stream to its own end.
    /// </summary>
    private (List<Photo> Imported, List<Photo> Preprocessed, List<Photo> Featured, List<Photo> Faced) IngestToFaces(ModelPipeline? models, FaceAnalyzer? analyzer, string? faceModelId)
    {
        var imported = new List<Photo>();
        var preprocessed = new List<Photo>();
        var featured = new List<Photo>();
        var faced = new List<Photo>();
        var originals = new Handoff<byte[]>();
        var standardized = new Handoff<byte[]>();
        // Without a face model nothing looks at the pixels: features release them at once.
        var pixels = analyzer is null ? null : new Handoff<FeatureImage>();
        var clock = Stopwatch.StartNew();
        foreach (var stage in new[] { StageCatalog.Ingest, StageCatalog.Preprocess, StageCatalog.Features, StageCatalog.Faces }) Started(stage);
        if (analyzer is null) NoFaceModel();

        using var faces = new PhotoStageRun<PhotoFaces>(StageCatalog.Faces,
            layout => new FaceStage(layout, analyzer, faceModelId) { StandardizedPixels = pixels },
            _reporter, faced.Add, _request.Workers, _cancellation);
        using var features = new PhotoStageRun<PhotoFeatures>(StageCatalog.Features,
            layout => NewFeatureStage(layout, models, standardized, pixels),
            _reporter, photo =>
            {
                featured.Add(photo);
                faces.Add(photo, _layout.Root);
                faces.Drain();
            }, _request.Workers, _cancellation);
        using var preprocess = new PhotoStageRun<PhotoPreprocess>(StageCatalog.Preprocess,
            layout => NewPreprocessor(layout, originals, standardized),
            _reporter, photo =>
            {
                preprocessed.Add(photo);
                features.Add(photo, _layout.Root);
                features.Drain();
            }, _request.Workers, _cancellation);
        using (var ingest = new IngestRun(_reporter, photo =>
            {
                imported.Add(photo);
                preprocess.Add(photo, _layout.Root);
                preprocess.Drain();
            }, PhotoInspector.DefaultMaxMegapixels, _request.Workers, null, null, _cancellation) { Originals = originals })
        {
            ingest.StartBatch(_request.BatchId ?? DefaultBatchId(), _layout.Root, new UserOverrides(_request.LockIn, _request.Exclude), _request.Theme);
            if (_request.Files.Count > 0) ingest.AddFiles(_request.Files);
            foreach (var path in _request.Paths) ingest.Add(path, _request.Recurse);
            var (_, ingestSummary) = ingest.Complete();
            foreach (var (list, entry) in ingest.UnmatchedOverrides()) Warn($"The {list} entry '{entry}' matched no photo in batch '{ingest.Batch.BatchId}'.");
            _reporter.Verbose($"{StageCatalog.Ingest.Cmdlet}: {ingestSummary}");
            Finished(StageCatalog.Ingest, clock, imported.Count);
        }
        var (_, preprocessSummary) = preprocess.Complete();
        _reporter.Verbose($"{StageCatalog.Preprocess.Cmdlet}: {preprocessSummary}");
        Finished(StageCatalog.Preprocess, clock, preprocessed.Count);
        var (_, featuresSummary) = features.Complete();
        _reporter.Verbose($"{StageCatalog.Features.Cmdlet}: {featuresSummary}");
        Finished(StageCatalog.Features, clock, featured.Count);
        var (_, facesSummary) = faces.Complete();
        _reporter.Verbose($"{StageCatalog.Faces.Cmdlet}: {facesSummary}");
        Finished(StageCatalog.Faces, clock, faced.Count);
        // Photos that left the stream between two stages (a failed preprocess) leave nothing behind.
        originals.Clear();
        standardized.Clear();
        pixels?.Clear();
        return (imported, preprocessed, featured, faced);
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
    /// The batch's overrides file (the review page's lock/exclude) decides before the gate does, so a
    /// photo locked there is never dropped by the technical gate on a later run.
    /// </summary>
    private BatchOverrides? ApplyOverrides(string batchId, List<Photo> imported)
    {
        var overrides = BatchOverridesFile.Load(_layout, batchId);
        if (overrides is null) return null;
        overrides.ApplyTo(imported);
        _reporter.Verbose($"lock-in and exclude from the batch's overrides file ({overrides.UserOverrides.LockIn.Count} locked, {overrides.UserOverrides.Exclude.Count} excluded)");
        return overrides;
    }

    /// <summary>Ingest alone (the distributed run: workers do the per-photo stages from the shared cache).</summary>
    private List<Photo> Ingest()
    {
        var photos = new List<Photo>();
        using var run = new IngestRun(_reporter, photos.Add, PhotoInspector.DefaultMaxMegapixels, _request.Workers, null, null, _cancellation);
        run.StartBatch(_request.BatchId ?? DefaultBatchId(), _layout.Root, new UserOverrides(_request.LockIn, _request.Exclude), _request.Theme);
        if (_request.Files.Count > 0) run.AddFiles(_request.Files);
        foreach (var path in _request.Paths) run.Add(path, _request.Recurse);
        var (_, summary) = run.Complete();
        foreach (var (list, entry) in run.UnmatchedOverrides()) Warn($"The {list} entry '{entry}' matched no photo in batch '{run.Batch.BatchId}'.");
        _reporter.Verbose($"{StageCatalog.Ingest.Cmdlet}: {summary}");
        return photos;
    }

    /// <summary>The preprocess stage of this session; the handoffs are set when it streams (one read, no read-back).</summary>
    private static Preprocessor NewPreprocessor(WorkspaceLayout layout, Handoff<byte[]>? originals, Handoff<byte[]>? standardized) =>
        new(layout, new PreprocessOptions()) { Originals = originals, StandardizedJpeg = standardized };

    /// <summary>The features stage of this session, with the models when any were found; the handoffs are set when it streams.</summary>
    private FeatureStage NewFeatureStage(WorkspaceLayout layout, ModelPipeline? models, Handoff<byte[]>? standardized, Handoff<FeatureImage>? pixels) =>
        new(layout, models is null ? null : new ModelFeatures(models, layout, Theme.Mood)) { StandardizedJpeg = standardized, StandardizedPixels = pixels };

    private string DefaultBatchId()
    {
        var first = _request.Paths.FirstOrDefault() ?? _request.Files.FirstOrDefault() ?? "batch";
        var folder = Directory.Exists(first) ? first : Path.GetDirectoryName(first) ?? "batch";
        return BatchIds.FromName(Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)));
    }

    private List<Photo> PerPhoto<TResult>(StageDescriptor stage, IReadOnlyList<Photo> input, Func<WorkspaceLayout, IPhotoStage<TResult>> stageFor) where TResult : class
    {
        var output = new List<Photo>();
        using var run = new PhotoStageRun<TResult>(stage, stageFor, _reporter, output.Add, _request.Workers, _cancellation);
        run.ExpectMore(input.Count);
        foreach (var photo in input)
        {
            run.Add(photo, _layout.Root);
            run.Drain();
        }
        var (_, summary) = run.Complete();
        _reporter.Verbose($"{stage.Cmdlet}: {summary}");
        return output;
    }

    private List<Photo> FindFaces(IReadOnlyList<Photo> featured)
    {
        var (analyzer, modelId) = OpenFaceModels();
        using (analyzer)
        {
            if (analyzer is null) NoFaceModel();
            return PerPhoto(StageCatalog.Faces, featured, layout => new FaceStage(layout, analyzer, modelId));
        }
    }

    private void NoFaceModel() =>
        _reporter.Verbose($"{StageCatalog.Faces.Cmdlet}: no face model found (models/faces): faces stay empty and the number of people unknown");

    private (FaceAnalyzer?, string?) OpenFaceModels()
    {
        try
        {
            return FaceStage.Open(ModelCatalog.Discover(null, _request.ModuleModelsDir), ModelDevice.Auto, _request.Workers, Warn);
        }
        catch (ModelValidationException ex)
        {
            Warn($"{ex.Message} Faces stay empty.");
            return (null, null);
        }
    }

    private ModelPipeline? LoadModels()
    {
        try
        {
            return ModelPipeline.Create(ModelCatalog.Discover(null, _request.ModuleModelsDir), ModelDevice.Auto, _request.Workers, Warn);
        }
        catch (ModelValidationException ex)
        {
            Warn($"{ex.Message} Model fields stay null.");
            return null;
        }
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

    private static string[] CachedStages(IReadOnlyList<Photo> preprocessed, IReadOnlyList<Photo> featured)
    {
        var cached = new List<string>();
        if (preprocessed.Count > 0 && preprocessed.All(p => p.Preprocess?.FromCache == true)) cached.Add(StageCatalog.Preprocess.Name);
        if (featured.Count > 0 && featured.All(p => p.Features?.FromCache == true)) cached.Add(StageCatalog.Features.Name);
        return cached.ToArray();
    }

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
