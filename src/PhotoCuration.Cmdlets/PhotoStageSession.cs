using System.Management.Automation;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// One invocation of a streaming per-photo stage (Invoke-Preprocess, Get-PhotoFeatures,
/// Measure-PhotoScore): a processor per workspace, the bounded workers, and a stage record per
/// (workspace, batch) seen, since photos of several batches may flow through one pipeline. Results are
/// applied to the photo and written on the pipeline thread, in input order.
/// </summary>
internal sealed class PhotoStageSession<TResult> : IDisposable where TResult : class
{
    private readonly PSCmdlet _cmdlet;
    private readonly Func<WorkspaceLayout, Func<Photo, CancellationToken, TResult>> _processorFor;
    private readonly Func<WorkspaceLayout, string, StageRecord> _recordFor;
    private readonly Func<Photo, TResult, bool> _apply;
    private readonly Dictionary<string, Func<Photo, CancellationToken, TResult>> _processors = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Workspace, string BatchId), StageRecord> _records = new();
    private readonly List<(string Workspace, string BatchId)> _order = new();
    private readonly PhotoWorkRunner<(Photo Photo, Func<Photo, CancellationToken, TResult> Process), TResult> _runner;

    // apply stores the result on the photo and returns false when the photo leaves the stream (it is still recorded).
    public PhotoStageSession(PSCmdlet cmdlet, int activityId, string activity,
        Func<WorkspaceLayout, Func<Photo, CancellationToken, TResult>> processorFor,
        Func<WorkspaceLayout, string, StageRecord> recordFor,
        Func<Photo, TResult, bool> apply,
        Func<TResult, bool> fromCache,
        int workers, CancellationToken cancellation)
    {
        _cmdlet = cmdlet;
        _processorFor = processorFor;
        _recordFor = recordFor;
        _apply = apply;
        _runner = new PhotoWorkRunner<(Photo Photo, Func<Photo, CancellationToken, TResult> Process), TResult>(
            cmdlet, activityId, activity, (item, token) => item.Process(item.Photo, token), OnResult, workers, cancellation, fromCache);
    }

    public void Add(Photo photo, string workspace)
    {
        photo.Workspace = workspace;
        if (!_processors.TryGetValue(workspace, out var process))
        {
            process = _processorFor(new WorkspaceLayout(workspace));
            _processors[workspace] = process;
        }
        var key = Key(photo);
        if (!_records.ContainsKey(key))
        {
            _records[key] = _recordFor(new WorkspaceLayout(workspace), key.BatchId);
            _order.Add(key);
        }
        _runner.Post((photo, process));
    }

    public void Drain() => _runner.Drain();

    /// <summary>Finishes the work and writes each batch's stage JSON.</summary>
    public (IReadOnlyList<string> StageJsons, string Summary) Complete()
    {
        _runner.Complete();
        var written = _order.Select(k => _records[k].WriteStageJson()).ToList();
        foreach (var record in _order.Select(k => _records[k]))
        {
            StageTimingLog.Record(record.Layout, record.BatchId, record.Stage, (long)_runner.Clock.Elapsed.TotalMilliseconds);
        }
        ImagingConfiguration.ReleasePooledMemory();
        return (written, _runner.Clock.Summary());
    }

    public void Cancel() => _runner.Cancel();

    private static (string Workspace, string BatchId) Key(Photo photo) => (photo.Workspace, photo.BatchId.Length > 0 ? photo.BatchId : "batch");

    private void OnResult(WorkResult<(Photo Photo, Func<Photo, CancellationToken, TResult> Process), TResult> result)
    {
        var photo = result.Input.Photo;
        var record = _records[Key(photo)];
        if (result.Error is not null)
        {
            var (id, message) = ErrorRecords.Describe(result.Error, photo.Path);
            record.Reject(photo.Path, id, message);
            _cmdlet.WriteError(ErrorRecords.ForPhoto(result.Error, photo.Path));
            return;
        }
        var keep = _apply(photo, result.Output!);
        record.Add(photo);
        if (keep) _cmdlet.WriteObject(photo);
    }

    public void Dispose() => _runner.Dispose();
}
