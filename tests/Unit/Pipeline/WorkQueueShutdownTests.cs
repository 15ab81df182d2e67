using PhotoCuration.Engine.Pipeline;
using Xunit;

namespace PhotoCuration.Tests.Pipeline;

/// <summary>
/// OrderedWorkQueue under Ctrl+C (Cancel), Select-Object -First (Dispose) and slow items. No test here
/// measures time: each checks a state (what ran, what is still running, what came back). Waits are
/// bounded so a regression fails instead of hanging the run.
/// </summary>
public sealed class WorkQueueShutdownTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static void Post<TIn, TOut>(OrderedWorkQueue<TIn, TOut> queue, TIn item, List<WorkResult<TIn, TOut>>? into = null)
    {
        // Post is lazy (an iterator): nothing is queued until its results are enumerated.
        foreach (var r in queue.Post(item)) into?.Add(r);
    }

    [Fact]
    public void Cancel_drops_items_not_started_and_stops_running_ones()
    {
        var started = new List<int>();
        var running = 0;
        using var gate = new ManualResetEventSlim(false);
        var queue = new OrderedWorkQueue<int, int>((i, token) =>
        {
            lock (started) started.Add(i);
            Interlocked.Increment(ref running);
            try
            {
                gate.Set();
                token.WaitHandle.WaitOne(Bound);
                token.ThrowIfCancellationRequested();
                return i;
            }
            finally { Interlocked.Decrement(ref running); }
        }, workers: 1, capacity: 10);
        for (var i = 0; i < 8; i++) Post(queue, i);
        Assert.True(gate.Wait(Bound), "the first item never started");

        queue.Cancel();
        Assert.True(queue.Token.IsCancellationRequested);
        queue.Dispose();

        Assert.Equal(0, Volatile.Read(ref running));
        lock (started) Assert.Equal(new[] { 0 }, started);
    }

    [Fact]
    public void Dispose_in_the_middle_of_a_stream_leaves_no_work_running()
    {
        var running = 0;
        var completed = 0;
        var queue = new OrderedWorkQueue<int, int>((i, token) =>
        {
            Interlocked.Increment(ref running);
            try
            {
                // A long item that honours its token, like a decode between rows.
                for (var k = 0; k < 2000 && !token.IsCancellationRequested; k++) Thread.Sleep(1);
                token.ThrowIfCancellationRequested();
                Interlocked.Increment(ref completed);
                return i;
            }
            finally { Interlocked.Decrement(ref running); }
        }, workers: 2, capacity: 4);
        Post(queue, 1);
        Post(queue, 2);
        Post(queue, 3);
        SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, Bound);

        queue.Dispose(); // what Select-Object -First does to the pipeline

        Assert.Equal(0, Volatile.Read(ref running));
        Assert.Equal(0, Volatile.Read(ref completed));
        queue.Dispose(); // idempotent
    }

    [Fact]
    public void A_slow_first_item_holds_back_posting_at_capacity_then_everything_comes_back_in_order()
    {
        using var release = new ManualResetEventSlim(false);
        var started = 0;
        using var queue = new OrderedWorkQueue<int, int>((i, _) =>
        {
            Interlocked.Increment(ref started);
            if (i == 0) release.Wait(Bound);
            return i;
        }, workers: 2, capacity: 4);

        var results = new List<WorkResult<int, int>>();
        var poster = new Thread(() =>
        {
            for (var i = 0; i < 12; i++) Post(queue, i, results);
            results.AddRange(queue.Complete());
        });
        poster.Start();

        // Items 0–3 fill the capacity; item 4 may not start while item 0 is unfinished.
        SpinWait.SpinUntil(() => Volatile.Read(ref started) >= 4, Bound);
        Thread.Sleep(200);
        Assert.Equal(4, Volatile.Read(ref started));
        Assert.Empty(results);

        release.Set();
        Assert.True(poster.Join(Bound), "posting never finished");
        Assert.Equal(Enumerable.Range(0, 12), results.Select(r => r.Output));
        Assert.Equal(Enumerable.Range(0, 12), results.Select(r => r.Input));
    }

    [Fact]
    public void An_item_cancelled_by_its_own_timeout_is_an_error_result_and_the_queue_goes_on()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, _) =>
        {
            if (i == 1) throw new OperationCanceledException("HTTP timeout"); // not the queue's token
            if (i == 3) throw new OutOfMemoryException("decode too large");
            return i * 2;
        }, workers: 2, capacity: 3);
        var results = new List<WorkResult<int, int>>();
        for (var i = 0; i < 6; i++) Post(queue, i, results);
        results.AddRange(queue.Complete());

        Assert.Equal(Enumerable.Range(0, 6), results.Select(r => r.Input));
        Assert.IsType<OperationCanceledException>(results[1].Error);
        Assert.IsType<OutOfMemoryException>(results[3].Error);
        Assert.Equal(new[] { 0, 4, 8, 10 }, results.Where(r => r.Error is null).Select(r => r.Output));
        Assert.All(results, r => Assert.True(r.Elapsed >= TimeSpan.Zero));
    }

    [Fact]
    public void An_external_token_cancels_the_queue()
    {
        using var outside = new CancellationTokenSource();
        var seen = new CancellationToken();
        using var queue = new OrderedWorkQueue<int, int>((i, token) => { seen = token; return i; }, workers: 1, capacity: 2, outside.Token);
        Post(queue, 1);
        Assert.Single(queue.Complete());
        outside.Cancel();
        Assert.True(queue.Token.IsCancellationRequested);
        Assert.True(seen.IsCancellationRequested);
    }

    [Fact]
    public void Complete_with_nothing_posted_returns_at_once_and_workers_must_be_positive()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, _) => i, workers: 2, capacity: 1);
        Assert.Empty(queue.Complete());
        Assert.Equal(2, queue.WorkerCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedWorkQueue<int, int>((i, _) => i, workers: 0, capacity: 4));
    }
}
