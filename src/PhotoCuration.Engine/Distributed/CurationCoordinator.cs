using System.Collections.Concurrent;
using System.Diagnostics;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The coordinator's half of a distributed run (<c>Invoke-PhotoCuration -Broker</c>): publishes the
/// listed files as chunks (confirmed), then collects one result per chunk — the first result of a chunk
/// is kept, so a redelivered duplicate changes nothing — and the chunks the broker dead-lettered after the
/// delivery limit. It reads no original and writes nothing itself: the session turns the results into
/// the stage JSON as its only writer (<see cref="DistributedStep"/>). Cancelling tells every worker to
/// drop the run.
/// </summary>
public sealed class CurationCoordinator
{
    /// <summary>Photos per task: big enough that a message per chunk is noise, small enough that a dying worker loses little.</summary>
    public const int DefaultChunkSize = 8;

    private readonly BrokerEndpoint _broker;
    private readonly LibraryRoots _library;
    private readonly int _chunkSize;

    public CurationCoordinator(BrokerEndpoint broker, LibraryRoots library, int chunkSize = DefaultChunkSize)
    {
        _broker = broker;
        _library = library;
        _chunkSize = Math.Max(1, chunkSize);
    }

    /// <summary>Chunks of the listed files in their listing order, their paths portable.</summary>
    public IReadOnlyList<ChunkTask> Plan(string runId, string batchId, string? theme, IReadOnlyList<RawJpegPairing.Entry> files) =>
        files.Chunk(_chunkSize).Select((chunk, i) => new ChunkTask
        {
            RunId = runId,
            Chunk = i,
            BatchId = batchId,
            Theme = theme,
            Files = chunk.Select(e => new ListedFile { Path = _library.ToPortable(e.Primary), Companion = e.Companion is null ? null : _library.ToPortable(e.Companion) }).ToList(),
        }).ToList();

    /// <summary>
    /// Runs ingest and the per-photo stages of the listed <paramref name="photos"/> on the workers and waits
    /// for every chunk. <paramref name="progress"/> gets (files done, files in all, workers seen) on the calling thread.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled: the workers were told to drop the run.</exception>
    public DistributedOutcome Run(string batchId, string? theme, IReadOnlyList<RawJpegPairing.Entry> photos, Action<int, int, int> progress, Action<string> verbose, CancellationToken cancellation)
    {
        // The reports are made on the calling thread (the pipeline thread of a cmdlet), as the session's are.
        var reports = new ConcurrentQueue<Action>();
        var task = Task.Run(() => RunAsync(batchId, theme, photos,
            (done, total, workers) => reports.Enqueue(() => progress(done, total, workers)),
            line => reports.Enqueue(() => verbose(line)), cancellation));
        while (!task.IsCompleted)
        {
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(100);
            while (reports.TryDequeue(out var report)) report();
        }
        while (reports.TryDequeue(out var report)) report();
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AuthenticationFailureException)
        {
            throw new BrokerException($"The broker at {_broker.Display} could not be reached or refused the credential: {_broker.Scrub(ex.GetBaseException().Message)}");
        }
    }

    private async Task<DistributedOutcome> RunAsync(string batchId, string? theme, IReadOnlyList<RawJpegPairing.Entry> photos, Action<int, int, int> progress, Action<string> verbose, CancellationToken cancellation)
    {
        var runId = Guid.NewGuid().ToString("N");
        var chunks = Plan(runId, batchId, theme, photos);
        await using var connection = await _broker.Factory($"photocuration-coordinator {Environment.MachineName}:{Environment.ProcessId}").CreateConnectionAsync(cancellation).ConfigureAwait(false);
        connection.RecoverySucceededAsync += (_, _) => { Events.Enqueue("reconnected to the broker"); return Task.CompletedTask; };
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellation).ConfigureAwait(false);
        await BrokerTopology.DeclareSharedAsync(channel, cancellation).ConfigureAwait(false);
        await BrokerTopology.DeclareRunAsync(channel, runId, cancellation).ConfigureAwait(false);

        var done = new ConcurrentDictionary<int, ChunkResult>();
        var dead = new ConcurrentDictionary<int, ChunkTask>();
        var workers = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var arrived = new SemaphoreSlim(0);
        var results = new AsyncEventingBasicConsumer(channel);
        results.ReceivedAsync += async (_, e) =>
        {
            var result = TryRead<ChunkResult>(e.Body);
            if (result is { } r && r.RunId == runId && !dead.ContainsKey(r.Chunk) && done.TryAdd(r.Chunk, r)) workers[r.Worker] = true;
            await channel.BasicAckAsync(e.DeliveryTag, false).ConfigureAwait(false);
            arrived.Release();
        };
        var deadLetters = new AsyncEventingBasicConsumer(channel);
        deadLetters.ReceivedAsync += async (_, e) =>
        {
            if (TryRead<ChunkTask>(e.Body) is { } t && t.RunId == runId && !done.ContainsKey(t.Chunk)) dead.TryAdd(t.Chunk, t);
            await channel.BasicAckAsync(e.DeliveryTag, false).ConfigureAwait(false);
            arrived.Release();
        };
        await channel.BasicConsumeAsync(BrokerTopology.ResultQueue(runId), autoAck: false, results, cancellation).ConfigureAwait(false);
        await channel.BasicConsumeAsync(BrokerTopology.DeadQueue(runId), autoAck: false, deadLetters, cancellation).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        verbose($"run {runId}: {photos.Count} photo(s) in {chunks.Count} chunk(s) of {_chunkSize} to {_broker.Display}");
        try
        {
            foreach (var chunk in chunks)
            {
                await PublishAsync(channel, chunk, cancellation).ConfigureAwait(false);
            }
            var lastReport = TimeSpan.Zero;
            while (done.Count + dead.Count < chunks.Count)
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(250), cancellation).ConfigureAwait(false);
                while (Events.TryDequeue(out var line)) verbose(line);
                var photosDone = done.Values.Sum(r => r.Files.Count) + dead.Values.Sum(t => t.Files.Count);
                progress(photosDone, photos.Count, workers.Count);
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
                {
                    lastReport = clock.Elapsed;
                    verbose($"run {runId}: {photosDone}/{photos.Count} photo(s), {photosDone / Math.Max(0.001, clock.Elapsed.TotalSeconds):0.0}/s, {workers.Count} worker(s) seen");
                }
            }
        }
        catch (OperationCanceledException)
        {
            await CancelAsync(channel, runId).ConfigureAwait(false);
            throw;
        }
        verbose($"run {runId}: {done.Count} chunk(s) done by {workers.Count} worker(s), {dead.Count} dead-lettered, in {clock.ElapsedMilliseconds} ms");
        await BrokerTopology.DeleteRunAsync(channel, runId, CancellationToken.None).ConfigureAwait(false);
        // A result that does not answer its task file by file (a worker that could not run it, or another
        // version of the worker) leaves its files to the coordinator.
        var outcomes = new FileOutcome?[photos.Count];
        foreach (var (chunk, result) in done)
        {
            var task = chunks[chunk];
            if (result.Files.Count != task.Files.Count || result.Files.Where((f, i) => f.Path != task.Files[i].Path).Any()) continue;
            for (var i = 0; i < result.Files.Count; i++) outcomes[chunk * _chunkSize + i] = result.Files[i];
        }
        var deadFiles = dead.Keys.SelectMany(chunk => Enumerable.Range(chunk * _chunkSize, chunks[chunk].Files.Count)).ToHashSet();
        return new DistributedOutcome(runId, outcomes, deadFiles, dead.Count, workers.Keys.Order(StringComparer.Ordinal).ToList(), clock.ElapsedMilliseconds);
    }

    /// <summary>Lines the client library's threads want reported (reconnects), drained on the run's thread.</summary>
    private ConcurrentQueue<string> Events { get; } = new();

    /// <summary>Publishes one chunk and waits for the broker's confirm, retrying through a broker restart.</summary>
    private async Task PublishAsync(IChannel channel, ChunkTask chunk, CancellationToken cancellation)
    {
        var body = WireJson.Encode(chunk);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await channel.BasicPublishAsync(BrokerTopology.TaskExchange, chunk.RunId, mandatory: false, BrokerTopology.Persistent("chunk-task"), body, cancellation).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < 60 && ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or ObjectDisposedException)
            {
                // The broker is restarting: the connection recovers by itself; publish again once it has.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
            }
        }
    }

    private static async Task CancelAsync(IChannel channel, string runId)
    {
        try
        {
            var notice = WireJson.Encode(new RunControl { RunId = runId });
            await channel.BasicPublishAsync(BrokerTopology.ControlExchange, "", mandatory: false, new BasicProperties { ContentType = "application/json", Type = "run-control" }, notice).ConfigureAwait(false);
            // Tasks still queued are acked and dropped by the workers that meet them (they know the run is cancelled).
            await BrokerTopology.DeleteRunAsync(channel, runId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or ObjectDisposedException)
        {
        }
    }

    private static T? TryRead<T>(ReadOnlyMemory<byte> body) where T : class
    {
        try
        {
            return WireJson.Decode<T>(body.Span);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
