using System.Collections.Concurrent;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// A worker (<c>Start-PhotoCurationWorker</c>): takes chunks off the task queue, runs the per-photo chain
/// of <see cref="WorkerChain"/> into the shared cache, publishes the chunk's result with a publisher
/// confirm, and only then acks the task — so a worker that dies (or a broker that restarts) mid-chunk
/// leaves the task to be delivered again, and a chunk is never lost between the cache and the result.
/// Prefetch equals <c>concurrency</c>: each worker holds no more chunks than it works on. Cancel notices
/// from the control exchange stop the run's chunks between photos (they are acked and dropped: their
/// coordinator is gone). The client library reconnects after a broker restart and recovers the consumer.
/// </summary>
public sealed class CurationWorker
{
    private readonly BrokerEndpoint _broker;
    private readonly WorkerChain _chain;
    private readonly int _concurrency;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _cancelled = new(StringComparer.Ordinal);
    private int _chunks;
    private int _photos;

    public CurationWorker(BrokerEndpoint broker, WorkerChain chain, int concurrency, Action<string> log)
    {
        _broker = broker;
        _chain = chain;
        _concurrency = Math.Max(1, concurrency);
        _log = message => log(broker.Scrub(message));
        Name = $"{Environment.MachineName}:{Environment.ProcessId}";
    }

    public string Name { get; }
    public int ChunksDone => _chunks;
    public int PhotosDone => _photos;

    /// <summary>Works until <paramref name="stop"/> fires; then lets the chunks in hand finish (or returns them unacked) and closes.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var factory = _broker.Factory($"photocuration-worker {Name}", _concurrency);
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AuthenticationFailureException)
        {
            throw new BrokerException($"The broker at {_broker.Display} could not be reached or refused the credential: {_broker.Scrub(ex.GetBaseException().Message)}");
        }
        await using var _ = connection;
        connection.RecoverySucceededAsync += (_, _) => { _log("reconnected to the broker"); return Task.CompletedTask; };
        connection.ConnectionShutdownAsync += (_, e) => { if (!stop.IsCancellationRequested) _log($"lost the broker ({e.ReplyText}); reconnecting"); return Task.CompletedTask; };
        await using var tasks = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: (ushort)_concurrency), stop).ConfigureAwait(false);
        await BrokerTopology.DeclareSharedAsync(tasks, stop).ConfigureAwait(false);
        await tasks.BasicQosAsync(0, (ushort)_concurrency, false, stop).ConfigureAwait(false);

        await using var control = await connection.CreateChannelAsync(cancellationToken: stop).ConfigureAwait(false);
        var controlQueue = (await control.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: stop).ConfigureAwait(false)).QueueName;
        await control.QueueBindAsync(controlQueue, BrokerTopology.ControlExchange, "", cancellationToken: stop).ConfigureAwait(false);
        var controlConsumer = new AsyncEventingBasicConsumer(control);
        controlConsumer.ReceivedAsync += (_, e) => { OnControl(e.Body.ToArray()); return Task.CompletedTask; };
        await control.BasicConsumeAsync(controlQueue, autoAck: true, controlConsumer, stop).ConfigureAwait(false);

        using var working = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var consumer = new AsyncEventingBasicConsumer(tasks);
        consumer.ReceivedAsync += (_, e) => OnTask(tasks, e.DeliveryTag, e.Body.ToArray(), working.Token);
        var tag = await tasks.BasicConsumeAsync(BrokerTopology.TaskQueue, autoAck: false, consumer, stop).ConfigureAwait(false);
        var (vips, onnx) = _chain.ThreadsPerPhoto;
        _log($"working for {_broker.Display} on {_chain.Workspace}, {_concurrency} chunk(s) at a time on {_concurrency} core(s) " +
            $"(one photo per chunk at a time; libvips {vips} thread(s), ONNX Runtime {onnx} intra-op thread(s) per photo)");
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _log("stopping: no new chunks; chunks in hand go back to the queue");
        try
        {
            await tasks.BasicCancelAsync(tag, noWait: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or OperationCanceledException)
        {
        }
        working.Cancel();
        _log($"stopped after {_chunks} chunk(s), {_photos} photo(s)");
    }

    private async Task OnTask(IChannel channel, ulong deliveryTag, byte[] body, CancellationToken stop)
    {
        ChunkTask? task;
        try
        {
            task = WireJson.Decode<ChunkTask>(body);
        }
        catch (System.Text.Json.JsonException)
        {
            task = null;
        }
        if (task is null || task.RunId.Length == 0)
        {
            _log("dropped a task that is not a chunk of photos (dead-lettered)");
            await channel.BasicRejectAsync(deliveryTag, requeue: false, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        if (_cancelled.ContainsKey(task.RunId))
        {
            await channel.BasicAckAsync(deliveryTag, false, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        var run = _runs.GetOrAdd(task.RunId, _ => new CancellationTokenSource());
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, run.Token);
        _log($"chunk {task.Chunk} of run {task.RunId}: {task.Files.Count} photo(s) started");
        List<FileOutcome> outcomes;
        try
        {
            outcomes = await Task.Run(() => _chain.Run(task, linked.Token), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (run.IsCancellationRequested)
            {
                _log($"chunk {task.Chunk} of run {task.RunId}: run cancelled");
                await channel.BasicAckAsync(deliveryTag, false, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // Stopping: the chunk goes back to the queue for another worker.
                await channel.BasicNackAsync(deliveryTag, false, requeue: true, CancellationToken.None).ConfigureAwait(false);
            }
            return;
        }
        catch (Exception ex) when (ex is ThemeValidationException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            // The chunk cannot run here at all (its theme is missing on this machine, the workspace is not
            // writable): the result answers for no file, and the coordinator does the chunk's files itself.
            var reason = _broker.Scrub(ex.Message);
            _log($"chunk {task.Chunk} of run {task.RunId}: cannot run here: {reason}");
            outcomes = new List<FileOutcome>();
        }
        var result = new ChunkResult { RunId = task.RunId, Chunk = task.Chunk, Worker = Name, Files = outcomes };
        try
        {
            await channel.BasicPublishAsync("", BrokerTopology.ResultQueue(task.RunId), mandatory: false,
                BrokerTopology.Persistent("chunk-result"), WireJson.Encode(result), CancellationToken.None).ConfigureAwait(false);
            await channel.BasicAckAsync(deliveryTag, false, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _chunks);
            Interlocked.Add(ref _photos, outcomes.Count);
            _log($"chunk {task.Chunk} of run {task.RunId}: done ({outcomes.Count(o => o.Ingest is null && o.Failed is null)} ok, {outcomes.Count(o => o.Ingest is not null || o.Failed is not null)} failed)");
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or ObjectDisposedException)
        {
            // Not confirmed, so not acked: the broker delivers the chunk again (its cache entries are already there).
            _log($"chunk {task.Chunk} of run {task.RunId}: result not confirmed ({ex.GetType().Name}); the chunk will be delivered again");
        }
    }

    private void OnControl(byte[] body)
    {
        RunControl? notice;
        try
        {
            notice = WireJson.Decode<RunControl>(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }
        if (notice is not { Action: "cancel", RunId.Length: > 0 }) return;
        _cancelled[notice.RunId] = true;
        if (_runs.TryGetValue(notice.RunId, out var run)) run.Cancel();
        _log($"run {notice.RunId} cancelled by its coordinator");
    }
}
