using System.Diagnostics;
using RabbitMQ.Client;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// Reads the queue's state over AMQP itself (passive declares: depth and consumers), so it needs no
/// management plugin. The rate is the fall in waiting chunks over a short interval.
/// </summary>
public static class QueueInspector
{
    public static CurationQueueStatus Inspect(BrokerEndpoint broker, TimeSpan sample, CancellationToken cancellation)
    {
        try
        {
            return Task.Run(() => InspectAsync(broker, sample, cancellation), cancellation).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AuthenticationFailureException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            throw new BrokerException($"The broker at {broker.Display} could not be read: {broker.Scrub(ex.GetBaseException().Message)}");
        }
    }

    private static async Task<CurationQueueStatus> InspectAsync(BrokerEndpoint broker, TimeSpan sample, CancellationToken cancellation)
    {
        var factory = broker.Factory("photocuration-queue");
        factory.AutomaticRecoveryEnabled = false;
        await using var connection = await factory.CreateConnectionAsync(cancellation).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellation).ConfigureAwait(false);
        await BrokerTopology.DeclareSharedAsync(channel, cancellation).ConfigureAwait(false);
        var first = await channel.QueueDeclarePassiveAsync(BrokerTopology.TaskQueue, cancellation).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var last = first;
        if (sample > TimeSpan.Zero)
        {
            await Task.Delay(sample, cancellation).ConfigureAwait(false);
            last = await channel.QueueDeclarePassiveAsync(BrokerTopology.TaskQueue, cancellation).ConfigureAwait(false);
        }
        var dead = await channel.QueueDeclarePassiveAsync(BrokerTopology.DeadLetterArchive, cancellation).ConfigureAwait(false);
        return new CurationQueueStatus
        {
            Broker = broker.Display,
            Chunks = last.MessageCount,
            Workers = last.ConsumerCount,
            ChunksPerSecond = sample > TimeSpan.Zero ? Math.Max(0, ((double)first.MessageCount - last.MessageCount) / clock.Elapsed.TotalSeconds) : 0,
            DeadLetters = dead.MessageCount,
        };
    }
}
