namespace PhotoCuration.Engine.Distributed;

/// <summary>What the workers did for one run: the photos of dead-lettered chunks, the per-photo failures they reported, who worked.</summary>
public sealed record DistributedOutcome(string RunId, IReadOnlyList<Photo> DeadLettered, IReadOnlyList<PhotoOutcome> Failed, IReadOnlyList<string> Workers, long Milliseconds);
