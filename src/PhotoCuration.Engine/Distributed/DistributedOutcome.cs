namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// What the workers did for one run: per listed file, in listing order, what its worker found (null: no
/// worker could answer for it); the files of the chunks the broker dead-lettered (by listing index); who worked.
/// </summary>
public sealed record DistributedOutcome(string RunId, IReadOnlyList<FileOutcome?> Files, IReadOnlySet<int> DeadFiles, int DeadChunks, IReadOnlyList<string> Workers, long Milliseconds);
