using System.Diagnostics;
using PhotoCuration.Engine.Pipeline;
using Xunit;

namespace PhotoCuration.Tests.Pipeline;

public sealed class OrderedWorkQueueTests
{
    [Fact]
    public void Results_come_back_in_input_order_whatever_the_durations()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, _) => { Thread.Sleep((7 - i % 7) * 3); return i * 10; }, workers: 3, capacity: 6);
        var results = new List<int>();
        for (var i = 0; i < 40; i++) results.AddRange(queue.Post(i).Select(r => r.Output));
        results.AddRange(queue.Complete().Select(r => r.Output));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 10), results);
    }

    [Fact]
    public void A_failing_item_is_a_result_not_a_crash()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, _) => i == 2 ? throw new InvalidDataException("bad " + i) : i, workers: 2, capacity: 4);
        var results = Enumerable.Range(0, 5).SelectMany(queue.Post).Concat(queue.Complete()).ToList();
        Assert.Equal(5, results.Count);
        Assert.IsType<InvalidDataException>(results[2].Error);
        Assert.Equal(new[] { 0, 1, 3, 4 }, results.Where(r => r.Error is null).Select(r => r.Output));
    }

    [Fact]
    public void In_flight_items_never_exceed_the_capacity()
    {
        var running = 0;
        var peak = 0;
        var gate = new object();
        using var queue = new OrderedWorkQueue<int, int>((i, _) =>
        {
            lock (gate) peak = Math.Max(peak, ++running);
            Thread.Sleep(5);
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
        Assert.True(peak <= 2);
    }

    [Fact]
    public void Dispose_stops_the_workers_at_once()
    {
        var started = 0;
        var queue = new OrderedWorkQueue<int, int>((i, token) =>
        {
            Interlocked.Increment(ref started);
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
            token.ThrowIfCancellationRequested();
            return i;
        }, workers: 2, capacity: 4);
        foreach (var _ in queue.Post(1)) { }
        foreach (var _ in queue.Post(2)) { }
        SpinWait.SpinUntil(() => Volatile.Read(ref started) == 2, TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();
        queue.Dispose();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), "workers did not stop");
    }

    [Fact]
    public void Cancel_ends_a_pending_complete()
    {
        using var queue = new OrderedWorkQueue<int, int>((i, token) => { token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)); token.ThrowIfCancellationRequested(); return i; }, workers: 1, capacity: 2);
        foreach (var _ in queue.Post(1)) { }
        _ = Task.Run(async () => { await Task.Delay(100); queue.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => queue.Complete().ToList());
    }
}
