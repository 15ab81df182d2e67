using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// One run of a per-photo stage over a stream of photos: the stage per workspace, the bounded workers,
/// and a stage record per (workspace, batch) seen, since photos of several batches may flow through one
/// pipeline. Results are attached to the photo and emitted on the driving thread, in input order; at the
/// end each batch's stage document and timing are written. Used by the streaming cmdlets
/// (Invoke-Preprocess, Get-PhotoFeatures, Measure-PhotoScore) and by the curation session.
/// </summary>
public sealed class PhotoStageRun<TResult> : IPhotoStream where TResult : class
{
    private readonly StageDescriptor _descriptor;
    private readonly Func<WorkspaceLayout, IPhotoStage<TResult>> _stageFor;
    private readonly IStageReporter _reporter;
    private readonly Action<Photo> _emit;
    private readonly Dictionary<string, IPhotoStage<TResult>> _stages = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Workspace, string BatchId), StageRecord> _records = new();
    private readonly List<(string Workspace, string BatchId)> _order = new();
    private readonly PhotoWorkRunner<(Photo Photo, IPhotoStage<TResult> Stage), TResult> _runner;

    public PhotoStageRun(StageDescriptor descriptor, Func<WorkspaceLayout, IPhotoStage<TResult>> stageFor, IStageReporter reporter,
        Action<Photo> emit, int workers, CancellationToken cancellation)
    {
        _descriptor = descriptor;
        _stageFor = stageFor;
        _reporter = reporter;
        _emit = emit;
        _runner = new PhotoWorkRunner<(Photo Photo, IPhotoStage<TResult> Stage), TResult>(descriptor.Cmdlet,
            (item, token) => item.Stage.Process(item.Photo, token), OnResult, (done, total) => reporter.Progress(descriptor, done, total),
            workers, cancellation, result => _stages.Values.FirstOrDefault()?.FromCache(result) ?? false);
    }

    /// <summary>Photos expected in all (for percent complete), when the caller knows it.</summary>
    public void ExpectMore(int count) => _runner.ExpectMore(count);

    public void Add(Photo photo, string workspace)
    {
        photo.Workspace = workspace;
        if (!_stages.TryGetValue(workspace, out var stage))
        {
            stage = _stageFor(new WorkspaceLayout(workspace));
            _stages[workspace] = stage;
        }
        var key = Key(photo);
        if (!_records.ContainsKey(key))
        {
            _records[key] = stage.NewRecord(key.BatchId);
            _order.Add(key);
        }
        _runner.Post((photo, stage));
    }

    public void Drain() => _runner.Drain();

    /// <summary>Finishes the work and writes each batch's stage document and timing.</summary>
    public (IReadOnlyList<string> StageJsons, string Summary) Complete()
    {
        _runner.Complete();
        var written = _order.Select(k => _records[k].WriteStageJson()).ToList();
        foreach (var record in _order.Select(k => _records[k]))
        {
            StageTimingLog.Record(record.Layout, record.BatchId, _descriptor.TimingKey, (long)_runner.Clock.Elapsed.TotalMilliseconds);
        }
        ImagingConfiguration.ReleasePooledMemory();
        return (written, _runner.Clock.Summary());
    }

    public void Cancel() => _runner.Cancel();

    public StageClock Clock => _runner.Clock;

    private static (string Workspace, string BatchId) Key(Photo photo) => (photo.Workspace, photo.BatchId.Length > 0 ? photo.BatchId : "batch");

    private void OnResult(WorkResult<(Photo Photo, IPhotoStage<TResult> Stage), TResult> result)
    {
        var (photo, stage) = result.Input;
        var record = _records[Key(photo)];
        if (result.Error is not null)
        {
            var (id, message) = PhotoInputException.Describe(result.Error, photo.Path);
            record.Reject(photo, id, message);
            _reporter.PhotoFailed(_descriptor, photo.Path, result.Error);
            return;
        }
        var keep = stage.Attach(photo, result.Output!);
        record.Add(photo);
        if (keep) _emit(photo);
    }

    public void Dispose() => _runner.Dispose();
}
