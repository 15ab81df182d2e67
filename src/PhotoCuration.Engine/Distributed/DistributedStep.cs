using PhotoCuration.Engine.Curation;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The session's one distributed step, between ingest and preprocess: the workers fill the shared cache for
/// the imported photos, and the session's own per-photo stages then find every result there (cache hits),
/// writing the same stage JSON as a local run. Photos whose chunk was dead-lettered get one error record
/// each and leave the run (recomputing them here would crash this process as it crashed the workers);
/// photos a worker failed stay in, so the local stage reports them exactly as a local run does.
/// </summary>
public static class DistributedStep
{
    public const string DeadLetteredErrorId = "WorkerCrashed";

    public static List<Photo> Run(DistributedRequest request, string batchId, string? theme, List<Photo> imported, ICurationReporter reporter, CancellationToken cancellation)
    {
        var coordinator = new CurationCoordinator(request.Broker, request.Library, request.ChunkSize);
        var outcome = coordinator.Run(batchId, theme, imported, (done, total, _) => reporter.Progress(StageCatalog.Preprocess, done, total), reporter.Verbose, cancellation);
        reporter.Verbose($"workers: {string.Join(", ", outcome.Workers)}; {outcome.Failed.Count} photo(s) failed on a worker, {outcome.DeadLettered.Count} dead-lettered, in {outcome.Milliseconds} ms");
        if (outcome.DeadLettered.Count == 0) return imported;
        var dead = outcome.DeadLettered.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var photo in imported.Where(dead.Contains))
        {
            reporter.PhotoFailed(StageCatalog.Preprocess, photo.Path, new PhotoInputException(DeadLetteredErrorId, PhotoProblem.Unreadable, photo.Path,
                $"'{photo.Path}' was in a chunk that stopped its worker {BrokerTopology.DeliveryLimit + 1} times; the broker dead-lettered it and the photo was left out."));
        }
        return imported.Where(p => !dead.Contains(p)).ToList();
    }
}
