using System.Threading.Channels;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// Batched inference behind a bounded prefetch queue: feature workers decode and preprocess photos and
/// post their tensors here; one inference thread takes whatever is queued (up to the model's batch
/// size) and runs it as one batch. Decoding thus runs ahead of inference, and the bound (a few batches)
/// keeps memory flat: a worker that gets too far ahead waits to post.
/// </summary>
public sealed class InferenceBatcher : IDisposable
{
    private readonly Func<IReadOnlyList<float[]>, float[][]> _run;
    private readonly int _maxBatch;
    private readonly Channel<Request> _queue;
    private readonly Thread _thread;
    private long _batches, _items;

    private sealed record Request(float[] Input, TaskCompletionSource<float[]> Result);

    public InferenceBatcher(Func<IReadOnlyList<float[]>, float[][]> run, int maxBatch, int queueCapacity)
    {
        _run = run;
        _maxBatch = Math.Max(1, maxBatch);
        _queue = Channel.CreateBounded<Request>(new BoundedChannelOptions(Math.Max(1, queueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _thread = new Thread(Loop) { IsBackground = true, Name = "PhotoCuration inference" };
        _thread.Start();
    }

    /// <summary>Batches run and items inferred so far (for the bench and -Verbose).</summary>
    public (long Batches, long Items) Counts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _items));

    /// <summary>Queues one input and waits for its output.</summary>
    public float[] Run(float[] input, CancellationToken cancellation = default) =>
        Post(input, cancellation).WaitAsync(cancellation).GetAwaiter().GetResult();

    /// <summary>
    /// Queues one input (waiting only while the queue is full) and returns its pending output, so the
    /// caller can do other work while the model runs.
    /// </summary>
    public Task<float[]> Post(float[] input, CancellationToken cancellation = default)
    {
        var request = new Request(input, new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
        {
            _queue.Writer.WriteAsync(request, cancellation).AsTask().GetAwaiter().GetResult();
        }
        return request.Result.Task;
    }

    private void Loop()
    {
        var reader = _queue.Reader;
        var batch = new List<Request>(_maxBatch);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var r)) batch.Add(r);
            if (batch.Count == 0) continue;
            try
            {
                var outputs = _run(batch.Select(b => b.Input).ToList());
                // Counted before the waiters are released, so whoever holds every result also sees its count.
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _items, batch.Count);
                for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(outputs[i]);
            }
            catch (Exception e)
            {
                foreach (var b in batch) b.Result.TrySetException(e);
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join(TimeSpan.FromSeconds(30));
    }
}
