using System.Management.Automation;
using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// Runs a per-photo function on bounded background workers for a streaming cmdlet and hands results
/// back on the pipeline thread in input order, with progress and timing. Only the pipeline thread
/// writes to PowerShell: the callback runs there.
/// </summary>
internal sealed class PhotoWorkRunner<TIn, TOut> : IDisposable
{
    private readonly OrderedWorkQueue<TIn, TOut> _queue;
    private readonly Action<WorkResult<TIn, TOut>> _onResult;
    private readonly ProgressReporter _progress;
    private readonly Func<TOut, bool> _fromCache;
    private int _posted;
    private int _knownTotal;

    public PhotoWorkRunner(Cmdlet cmdlet, int activityId, string activity, Func<TIn, CancellationToken, TOut> work,
        Action<WorkResult<TIn, TOut>> onResult, int workers, CancellationToken cancellation, Func<TOut, bool>? fromCache = null)
    {
        // Two items queued per worker keeps every core busy without holding many decoded images.
        _queue = new OrderedWorkQueue<TIn, TOut>(work, workers, capacity: workers * 2, cancellation, activity);
        _onResult = onResult;
        _fromCache = fromCache ?? (_ => false);
        _progress = new ProgressReporter(cmdlet, activityId, activity);
    }

    public StageClock Clock { get; } = new();

    /// <summary>Total photos expected, when known (0 = unknown), for percent and time remaining.</summary>
    public void ExpectMore(int count) => _knownTotal += count;

    public void Post(TIn item)
    {
        _posted++;
        StopOnCancel(() => { foreach (var result in _queue.Post(item)) Handle(result); });
    }

    /// <summary>Hands back what is ready without blocking.</summary>
    public void Drain()
    {
        foreach (var result in _queue.DrainReady()) Handle(result);
    }

    /// <summary>Waits for every posted item and hands back the rest.</summary>
    public void Complete()
    {
        try
        {
            StopOnCancel(() => { foreach (var result in _queue.Complete()) Handle(result); });
        }
        finally
        {
            _progress.Complete();
        }
    }

    /// <summary>
    /// A wait cancelled by Ctrl+C ends the command the way PowerShell expects a stopped pipeline to
    /// end, not with an error record about a cancelled operation.
    /// </summary>
    private static void StopOnCancel(Action action)
    {
        try
        {
            action();
        }
        catch (OperationCanceledException ex)
        {
            throw new PipelineStoppedException(ex.Message);
        }
    }

    public void Cancel() => _queue.Cancel();

    private void Handle(WorkResult<TIn, TOut> result)
    {
        Clock.Record(result.Elapsed, result.Error is not null, result.Output is { } o && _fromCache(o));
        _progress.Report(Clock.Completed + Clock.Failed, Math.Max(_knownTotal, 0) is var t && t >= _posted ? t : 0);
        _onResult(result);
    }

    public void Dispose() => _queue.Dispose();
}
