namespace PhotoCuration;

/// <summary>The studio's curation queue on its broker (<c>Get-PhotoCurationQueue</c>): work waiting, workers listening, dead letters.</summary>
public sealed class CurationQueueStatus
{
    /// <summary>The broker, as <c>amqp://user@host:port/vhost</c> (never with a password).</summary>
    public string Broker { get; set; } = "";

    /// <summary>Chunks of photos waiting for a worker (not counting those a worker holds).</summary>
    public long Chunks { get; set; }

    /// <summary>Workers consuming the task queue now.</summary>
    public long Workers { get; set; }

    /// <summary>Chunks taken off the queue per second over the sampling interval (waiting chunks that went away; new publishes in that time make it an underestimate).</summary>
    public double ChunksPerSecond { get; set; }

    /// <summary>Chunks dead-lettered after the delivery limit, kept in the photocuration.dead queue (the latest 10,000).</summary>
    public long DeadLetters { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Broker}: {Chunks} chunk(s) waiting, {Workers} worker(s), {DeadLetters} dead letter(s)";
}
