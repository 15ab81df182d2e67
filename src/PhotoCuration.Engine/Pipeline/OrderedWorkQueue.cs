using System.Collections.Concurrent;
using System.Diagnostics;

namespace PhotoCuration.Engine.Pipeline;

/// <summary>One finished work item, handed back on the caller's thread in input order.</summary>
public sealed class WorkResult<TIn, TOut>
{
    public WorkResult(TIn input, TOut? output, Exception? error, TimeSpan elapsed)
    {
        Input = input;
        Output = output;
        Error = error;
        Elapsed = elapsed;
    }

    public TIn Input { get; }
    public TOut? Output { get; }
    public Exception? Error { get; }
    public TimeSpan Elapsed { get; }
}

/// <summary>
/// A bounded work queue with a fixed number of dedicated worker threads whose results come back in
/// input order on the thread that posts (docs/architecture.md#stage-model: phase 1 on the pipeline thread, phase 2 in
/// parallel, phase 3 drained on the pipeline thread). Dedicated threads, not the thread pool: the pool
/// ramps up slowly on small machines.
///
/// Memory stays bounded: at most <c>capacity</c> items are in flight (posted, not yet handed back),
/// so a slow first item cannot let finished results pile up. <see cref="Cancel"/> (Ctrl+C) and
/// <see cref="Dispose"/> (<c>Select-Object -First</c>) stop the workers at once.
/// </summary>
public sealed class OrderedWorkQueue<TIn, TOut> : IDisposable
{
    private readonly Func<TIn, CancellationToken, TOut> _work;
    private readonly BlockingCollection<(long Sequence, TIn Item)> _input = new();
    private readonly ConcurrentDictionary<long, WorkResult<TIn, TOut>> _done = new();
    private readonly SemaphoreSlim _slots;
    private readonly ManualResetEventSlim _progress = new(false);
    private readonly CancellationTokenSource _cancellation;
    private readonly Thread[] _workers;
    private long _posted;
    private long _next;
    private bool _disposed;

    public OrderedWorkQueue(Func<TIn, CancellationToken, TOut> work, int workers, int capacity, CancellationToken cancellation = default, string name = "PhotoCuration worker")
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), "At least one worker is needed.");
        _work = work;
        _slots = new SemaphoreSlim(Math.Max(capacity, workers));
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _workers = new Thread[workers];
        for (var i = 0; i < workers; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"{name} {i + 1}" };
            _workers[i].Start();
        }
    }

    public int WorkerCount => _workers.Length;
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Posts an item, first handing back any results that are ready (and waiting for room when full).</summary>
    public IEnumerable<WorkResult<TIn, TOut>> Post(TIn item)
    {
        while (!_slots.Wait(0))
        {
            foreach (var r in DrainReady()) yield return r;
            if (_slots.Wait(0)) break;
            WaitForProgress();
        }
        _input.Add((_posted++, item));
        foreach (var r in DrainReady()) yield return r;
    }

    /// <summary>Results that are ready now, in input order, without blocking.</summary>
    public IEnumerable<WorkResult<TIn, TOut>> DrainReady()
    {
        while (_done.TryRemove(_next, out var result))
        {
            _next++;
            _slots.Release();
            yield return result;
        }
    }

    /// <summary>No more input: waits for and hands back every remaining result, in order.</summary>
    public IEnumerable<WorkResult<TIn, TOut>> Complete()
    {
        if (!_input.IsAddingCompleted) _input.CompleteAdding();
        while (_next < _posted)
        {
            _progress.Reset();
            var any = false;
            foreach (var r in DrainReady())
            {
                any = true;
                yield return r;
            }
            if (!any && _next < _posted) WaitForProgress();
        }
    }

    /// <summary>Stops the workers: items not started are dropped, running ones see their token cancelled.</summary>
    public void Cancel()
    {
        if (!_cancellation.IsCancellationRequested) _cancellation.Cancel();
    }

    private void WaitForProgress()
    {
        // The timeout only bounds a missed wake-up; progress normally signals at once.
        _progress.Wait(TimeSpan.FromMilliseconds(200), _cancellation.Token);
        _progress.Reset();
    }

    private void WorkerLoop()
    {
        try
        {
            foreach (var (sequence, item) in _input.GetConsumingEnumerable(_cancellation.Token))
            {
                var watch = Stopwatch.StartNew();
                WorkResult<TIn, TOut> result;
                try
                {
                    result = new WorkResult<TIn, TOut>(item, _work(item, _cancellation.Token), null, watch.Elapsed);
                }
                catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    result = new WorkResult<TIn, TOut>(item, default, ex, watch.Elapsed);
                }
                _done[sequence] = result;
                _progress.Set();
            }
        }
        catch (OperationCanceledException)
        {
            // Cancelled while waiting for input.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Cancel();
        if (!_input.IsAddingCompleted) _input.CompleteAdding();
        foreach (var worker in _workers)
        {
            // A worker inside a long decode finishes that one item; don't hang the pipeline on it.
            worker.Join(TimeSpan.FromSeconds(5));
        }
        _cancellation.Dispose();
        _progress.Dispose();
        _slots.Dispose();
        _input.Dispose();
    }
}
