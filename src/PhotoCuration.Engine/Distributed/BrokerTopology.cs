using RabbitMQ.Client;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The queues and exchanges of the scale-out (docs/distributed.md#topology). Tasks are published to a
/// topic exchange with the run id as routing key and land in one durable quorum queue that every worker
/// consumes; a task delivered more than <see cref="DeliveryLimit"/> times (its worker died each time) is
/// dead-lettered, keeping its routing key, into the dead-letter exchange, where the run's own dead-letter
/// queue collects it. Results go to one queue per run; cancel notices go out on a fanout exchange to
/// every worker's private queue.
/// </summary>
public static class BrokerTopology
{
    public const string TaskExchange = "photocuration.tasks";
    public const string TaskQueue = "photocuration.tasks";
    public const string DeadLetterExchange = "photocuration.dead";
    public const string ControlExchange = "photocuration.control";
    /// <summary>Every run's dead letters, the latest <see cref="DeadLetterArchiveLength"/> kept, for Get-PhotoCurationQueue and a person to look at.</summary>
    public const string DeadLetterArchive = "photocuration.dead";
    public const int DeadLetterArchiveLength = 10000;
    /// <summary>Deliveries of one task before it is dead-lettered: a chunk that kills its worker this often is poison, not bad luck.</summary>
    public const int DeliveryLimit = 5;
    /// <summary>A run's queues outlive a coordinator that vanished for at most this long (ms), then the broker drops them.</summary>
    public const int RunQueueExpiryMs = 6 * 60 * 60 * 1000;

    public static string ResultQueue(string runId) => $"photocuration.results.{runId}";

    public static string DeadQueue(string runId) => $"photocuration.dead.{runId}";

    /// <summary>Declares what every run and worker shares (idempotent: the same arguments every time).</summary>
    public static async Task DeclareSharedAsync(IChannel channel, CancellationToken cancellation)
    {
        await channel.ExchangeDeclareAsync(TaskExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellation).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellation).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(ControlExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellation).ConfigureAwait(false);
        await channel.QueueDeclareAsync(TaskQueue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = DeliveryLimit,
            ["x-dead-letter-exchange"] = DeadLetterExchange,
        }, cancellationToken: cancellation).ConfigureAwait(false);
        await channel.QueueBindAsync(TaskQueue, TaskExchange, "#", cancellationToken: cancellation).ConfigureAwait(false);
        await channel.QueueDeclareAsync(DeadLetterArchive, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-max-length"] = DeadLetterArchiveLength,
        }, cancellationToken: cancellation).ConfigureAwait(false);
        await channel.QueueBindAsync(DeadLetterArchive, DeadLetterExchange, "#", cancellationToken: cancellation).ConfigureAwait(false);
    }

    /// <summary>Declares one run's result and dead-letter queues (durable, so a broker restart keeps them).</summary>
    public static async Task DeclareRunAsync(IChannel channel, string runId, CancellationToken cancellation)
    {
        var expiry = new Dictionary<string, object?> { ["x-expires"] = RunQueueExpiryMs };
        await channel.QueueDeclareAsync(ResultQueue(runId), durable: true, exclusive: false, autoDelete: false, arguments: expiry, cancellationToken: cancellation).ConfigureAwait(false);
        await channel.QueueDeclareAsync(DeadQueue(runId), durable: true, exclusive: false, autoDelete: false, arguments: expiry, cancellationToken: cancellation).ConfigureAwait(false);
        await channel.QueueBindAsync(DeadQueue(runId), DeadLetterExchange, runId, cancellationToken: cancellation).ConfigureAwait(false);
    }

    public static async Task DeleteRunAsync(IChannel channel, string runId, CancellationToken cancellation)
    {
        await channel.QueueDeleteAsync(ResultQueue(runId), cancellationToken: cancellation).ConfigureAwait(false);
        await channel.QueueDeleteAsync(DeadQueue(runId), cancellationToken: cancellation).ConfigureAwait(false);
    }

    public static BasicProperties Persistent(string kind) => new() { Persistent = true, ContentType = "application/json", Type = kind };
}
