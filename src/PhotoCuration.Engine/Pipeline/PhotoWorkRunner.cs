namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// Runs a per-photo function on bounded background workers and hands results back on the posting
/// (pipeline) thread in input order, counting and timing them and reporting progress. A cancelled
/// wait throws <see cref="OperationCanceledException"/>; the cmdlet layer turns that into a stopped
/// pipeline.
/// </summary>
public sealed class PhotoWorkRunner<TIn, TOut> : IDisposable
{
    private readonly OrderedWorkQueue<TIn, TOut> _queue;
    private readonly Action<WorkResult<TIn, TOut>> _onResult;
    private readonly Action<int, int> _progress;
    private readonly Func<TOut, bool> _fromCache;
    private int _posted;
    private int _knownTotal;

    /// <param name="progress">Called with (done, total; 0 when unknown) after each result.</param>
    public PhotoWorkRunner(string activity, Func<TIn, CancellationToken, TOut> work, Action<WorkResult<TIn, TOut>> onResult,
        Action<int, int> progress, int workers, CancellationToken cancellation, Func<TOut, bool>? fromCache = null)
    {
        // Two items queued per worker keeps every core busy without holding many decoded images.
        _queue = new OrderedWorkQueue<TIn, TOut>(work, workers, capacity: workers * 2, cancellation, activity);
        _onResult = onResult;
        _progress = progress;
        _fromCache = fromCache ?? (_ => false);
    }

    public StageClock Clock { get; } = new();

    /// <summary>Total photos expected, when known (0 = unknown), for percent and time remaining.</summary>
    public void ExpectMore(int count) => _knownTotal += count;

    public void Post(TIn item)
    {
        _posted++;
        foreach (var result in _queue.Post(item)) Handle(result);
    }

    /// <summary>Hands back what is ready without blocking.</summary>
    public void Drain()
    {
        foreach (var result in _queue.DrainReady()) Handle(result);
    }

    /// <summary>Waits for every posted item and hands back the rest.</summary>
    public void Complete()
    {
        foreach (var result in _queue.Complete()) Handle(result);
    }

    public void Cancel() => _queue.Cancel();

    private void Handle(WorkResult<TIn, TOut> result)
    {
        Clock.Record(result.Elapsed, result.Error is not null, result.Output is { } o && _fromCache(o));
        _progress(Clock.Completed + Clock.Failed, _knownTotal >= _posted ? _knownTotal : 0);
        _onResult(result);
    }

    public void Dispose() => _queue.Dispose();
}
