using System.Collections.Concurrent;
using PhotoCuration.Engine.Pipeline;
using Xunit;

namespace PhotoCuration.Tests.Pipeline;

/// <summary>
/// Bounded parallel work with results back in input order on the posting thread; Ctrl+C (Cancel) and
/// Select-Object -First (Dispose) stop it. No assertion here depends on how long anything takes.
/// </summary>
public sealed class OrderedWorkQueueTests
{
    private static List<WorkResult<TIn, TOut>> PostAll<TIn, TOut>(OrderedWorkQueue<TIn, TOut> queue, IEnumerable<TIn> items) =>
        items.SelectMany(queue.Post).Concat(queue.Complete()).ToList();

    [Fact]
    public void Results_come_back_in_input_order_whatever_the_durations()
    {
        // Early items take longest, so later ones finish first.
        using var queue = new OrderedWorkQueue<int, int>((i, _) => { Thread.Sleep((7 - i % 7) * 3); return i * 10; }, workers: 3, capacity: 6);
        var results = PostAll(queue, Enumerable.Range(0, 40));
        Assert.Equal(Enumerable.Range(0, 40), results.Select(r => r.Input));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 10), results.Select(r => r.Output));
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Finished_later_items_wait_for_an_unfinished_first_item()
    {
        using var release = new ManualResetEventSlim(false);
        var finished = 0;
        using var queue = new OrderedWorkQueue<int, int>((i, _) =>
        {
            if (i == 0) release.Wait();
            Interlocked.Increment(ref finished);
            return i;
        }, workers: 2, capacity: 4);
        var handed = new List<int>();
        for (var i = 0; i < 3; i++) handed.AddRange(queue.Post(i).Select(r => r.Input));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref finished) == 2, TimeSpan.FromSeconds(30)), "items 1 and 2 did not finish");
        handed.AddRange(queue.DrainReady().Select(r => r.Input));
        Assert.Empty(handed); // 1 and 2 are done, but 0 is not: nothing may be handed back yet
        release.Set();
        Assert.Equal(new[] { 0, 1, 2 }, queue.Complete().Select(r => r.Input));
    }

    [Fact]
    public void A_failing_item_is_a_result_not_a_crash()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, _) => i == 2 ? throw new InvalidDataException("bad " + i) : i, workers: 2, capacity: 4);
        var results = PostAll(queue, Enumerable.Range(0, 5));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, results.Select(r => r.Input));
        var failed = Assert.IsType<InvalidDataException>(results[2].Error);
        Assert.Equal("bad 2", failed.Message);
        Assert.Equal(0, results[2].Output);
        Assert.Equal(new[] { 0, 1, 3, 4 }, results.Where(r => r.Error is null).Select(r => r.Output));
    }

    [Fact]
    public void An_operation_cancelled_inside_one_item_is_that_items_error_only()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, _) => i == 1 ? throw new OperationCanceledException("item timeout") : i, workers: 1, capacity: 2);
        var results = PostAll(queue, Enumerable.Range(0, 3));
        Assert.Equal(3, results.Count);
        Assert.IsType<OperationCanceledException>(results[1].Error);
        Assert.Equal(2, results[2].Output);
    }

    [Fact]
    public void Items_in_flight_never_exceed_the_capacity()
    {
        var running = 0;
        var peak = 0;
        var gate = new object();
        using var queue = new OrderedWorkQueue<int, int>((i, _) =>
        {
            lock (gate) peak = Math.Max(peak, ++running);
            Thread.Sleep(2);
            lock (gate) running--;
            return i;
        }, workers: 2, capacity: 4);
        var handedBack = 0;
        for (var i = 0; i < 30; i++)
        {
            handedBack += queue.Post(i).Count();
            Assert.True(i + 1 - handedBack <= 4, $"{i + 1 - handedBack} items in flight");
        }
        handedBack += queue.Complete().Count();
        Assert.Equal(30, handedBack);
        Assert.InRange(peak, 1, 2); // never more running than workers
    }

    [Fact]
    public async Task A_stuck_first_item_holds_back_new_work_at_the_capacity()
    {
        using var release = new ManualResetEventSlim(false);
        var started = new ConcurrentBag<int>();
        using var queue = new OrderedWorkQueue<int, int>((i, _) => { started.Add(i); if (i == 0) release.Wait(); return i; }, workers: 2, capacity: 3);
        for (var i = 0; i < 3; i++) Assert.Empty(queue.Post(i));
        var blockedPost = Task.Run(() => queue.Post(3).ToList());
        // Capacity 3 is used up by items 0–2 (0 unfinished holds back 1 and 2): item 3 must wait.
        Assert.False(SpinWait.SpinUntil(() => started.Contains(3), TimeSpan.FromMilliseconds(300)), "item 3 started while 3 items were in flight");
        release.Set();
        var afterRelease = await blockedPost.WaitAsync(TimeSpan.FromSeconds(30));
        var rest = afterRelease.Concat(queue.Complete()).Select(r => r.Input).ToList();
        Assert.Equal(new[] { 0, 1, 2, 3 }, rest);
    }

    [Fact]
    public void Work_runs_on_dedicated_workers_not_the_posting_thread()
    {
        var threads = new ConcurrentDictionary<int, string?>();
        using var queue = new OrderedWorkQueue<int, int>((i, _) => { threads[Environment.CurrentManagedThreadId] = Thread.CurrentThread.Name; return i; }, workers: 2, capacity: 4, name: "pc test");
        PostAll(queue, Enumerable.Range(0, 10));
        Assert.Equal(2, queue.WorkerCount);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads.Keys);
        Assert.All(threads.Values, n => Assert.StartsWith("pc test ", n));
    }

    [Fact]
    public void Cancel_stops_running_items_and_ends_a_pending_complete()
    {
        using var started = new CountdownEvent(2);
        var sawCancellation = 0;
        using var queue = new OrderedWorkQueue<int, int>((i, token) =>
        {
            started.Signal();
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(60));
            if (token.IsCancellationRequested) Interlocked.Increment(ref sawCancellation);
            token.ThrowIfCancellationRequested();
            return i;
        }, workers: 2, capacity: 4);
        foreach (var i in new[] { 1, 2, 3 }) Assert.Empty(queue.Post(i));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        queue.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => queue.Complete().ToList());
        Assert.True(queue.Token.IsCancellationRequested);
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref sawCancellation) == 2, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void The_callers_token_cancels_the_queue()
    {
        using var cts = new CancellationTokenSource();
        using var started = new ManualResetEventSlim(false);
        using var queue = new OrderedWorkQueue<int, int>((i, token) => { started.Set(); token.WaitHandle.WaitOne(TimeSpan.FromSeconds(60)); token.ThrowIfCancellationRequested(); return i; }, workers: 1, capacity: 2, cts.Token);
        Assert.Empty(queue.Post(1));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => queue.Complete().ToList());
    }

    [Fact]
    public void Dispose_stops_the_workers_even_inside_an_item()
    {
        var workers = new ConcurrentBag<Thread>();
        using var started = new CountdownEvent(2);
        var queue = new OrderedWorkQueue<int, int>((i, token) =>
        {
            workers.Add(Thread.CurrentThread);
            started.Signal();
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(60));
            token.ThrowIfCancellationRequested();
            return i;
        }, workers: 2, capacity: 4);
        foreach (var i in new[] { 1, 2, 3, 4 }) Assert.Empty(queue.Post(i));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        queue.Dispose();
        // Dispose waits a bounded time per worker; a worker that ignored cancellation would still be alive.
        Assert.All(workers, t => Assert.False(t.IsAlive, $"{t.Name} still running"));
        queue.Dispose(); // twice is harmless
    }

    [Fact]
    public void At_least_one_worker_is_required() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedWorkQueue<int, int>((i, _) => i, workers: 0, capacity: 1));

    [Fact]
    public void An_empty_queue_completes_with_nothing()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, _) => i, workers: 2, capacity: 2);
        Assert.Empty(queue.Complete());
    }
}
