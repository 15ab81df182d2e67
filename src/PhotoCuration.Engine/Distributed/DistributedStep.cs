using PhotoCuration.Engine.Curation;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The session's distributed step (docs/distributed.md#what-runs-where). The coordinator only lists the
/// files; the workers inspect each original and run preprocess, features and faces on it in the same read;
/// their results come back and are merged here, per listed file in listing order, so the session's own
/// ingest and per-photo stages write the same stage JSON a local run writes, as its only writer, without
/// reading an original. A file no worker answered for (a worker that could not run its chunk) is done
/// here as a local run does it; the files of a dead-lettered chunk get one error record each and are
/// not imported (doing them here would crash this process as it crashed the workers).
/// </summary>
public sealed class DistributedStep : IPhotoStageDecorator
{
    public const string DeadLetteredErrorId = "WorkerCrashed";

    private readonly DistributedRequest _request;
    private readonly WorkspaceLayout _layout;
    // The workers' results, by the photo object ingest accepted (two files with the same bytes are two photos).
    private readonly Dictionary<Photo, WorkerResults> _results = new(ReferenceEqualityComparer.Instance);

    public DistributedStep(DistributedRequest request, WorkspaceLayout layout)
    {
        _request = request;
        _layout = layout;
    }

    /// <summary>Photos whose per-photo results came from the workers.</summary>
    public int Merged => _results.Count;

    /// <summary>
    /// Publishes what <paramref name="ingest"/> (a listing run) listed, waits for the workers, and feeds
    /// their inspections back into it in listing order, as if it had inspected the files itself.
    /// </summary>
    public void Ingest(IngestRun ingest, string? theme, ICurationReporter reporter, CancellationToken cancellation)
    {
        var listed = ingest.FinishListing();
        if (listed.Count == 0) return;
        var coordinator = new CurationCoordinator(_request.Broker, _request.Library, _request.ChunkSize);
        var outcome = coordinator.Run(ingest.Batch.BatchId, theme, listed, (done, total, _) => reporter.Progress(StageCatalog.Ingest, done, total), reporter.Verbose, cancellation);
        var local = 0;
        for (var i = 0; i < listed.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var entry = listed[i];
            if (outcome.DeadFiles.Contains(i))
            {
                ingest.Accept(entry.Primary, null, new PhotoInputException(DeadLetteredErrorId, PhotoProblem.Unreadable, entry.Primary,
                    $"'{entry.Primary}' was in a chunk that stopped its worker {BrokerTopology.DeliveryLimit + 1} times; the broker dead-lettered it and the photo was left out."), null);
            }
            else if (outcome.Files[i] is { } file)
            {
                Merge(ingest, entry.Primary, file);
            }
            else
            {
                local++;
                ingest.InspectHere(entry, cancellation);
            }
        }
        reporter.Verbose($"workers: {string.Join(", ", outcome.Workers)}; {_results.Count} photo(s) merged from their results, {local} done here, " +
            $"{outcome.DeadFiles.Count} in {outcome.DeadChunks} dead-lettered chunk(s), in {outcome.Milliseconds} ms");
    }

    private void Merge(IngestRun ingest, string primary, FileOutcome file)
    {
        var replacedRaw = file.ReplacedRaw?.ToException(primary);
        if (file.Ingest is not null || file.Photo is null)
        {
            ingest.Accept(primary, null, (file.Ingest ?? new StageFailure { Stage = StageCatalog.Ingest.Name, ErrorId = PhotoErrorIds.UnexpectedError, Message = $"'{primary}': the worker sent no photo." }).ToException(primary), replacedRaw);
            return;
        }
        ingest.Accept(primary, Received(file.Photo, file), null, replacedRaw);
    }

    /// <summary>
    /// A worker's photo on this machine, as inspection left it (ingest takes it so); its stage results
    /// wait here for their stages, which take them by their own name (<see cref="Decorate{T}"/>).
    /// </summary>
    internal Photo Received(Photo sent, FileOutcome file)
    {
        var photo = WirePhoto.FromWire(sent, _request.Library);
        _results[photo] = new WorkerResults(file.Results ?? new(), file.Failed);
        return photo;
    }

    /// <summary>The stage, answering from the workers' results where they have one (or the error they met), else computing as it would.</summary>
    public IPhotoStage<T> Decorate<T>(IPhotoStage<T> stage) where T : class => new MergedStage<T>(stage, this);

    /// <summary>A photo's results from its worker, by stage name, and the stage it stopped at.</summary>
    private sealed record WorkerResults(Dictionary<string, WireResult> Results, StageFailure? Failed);

    private sealed class MergedStage<T> : IPhotoStage<T> where T : class
    {
        private readonly IPhotoStage<T> _inner;
        private readonly DistributedStep _step;

        public MergedStage(IPhotoStage<T> inner, DistributedStep step)
        {
            _inner = inner;
            _step = step;
        }

        public StageDescriptor Descriptor => _inner.Descriptor;

        public string? CacheKey(Photo photo) => _inner.CacheKey(photo);

        public T Process(Photo photo, CancellationToken cancellation)
        {
            if (_step._results.TryGetValue(photo, out var results))
            {
                if (results.Failed is { } failed && failed.Stage == Descriptor.Name) throw failed.ToException(photo.Path);
                if (results.Results.TryGetValue(Descriptor.Name, out var wire)) return wire.Unpack<T>(_step._request.Library, _step._layout);
            }
            return _inner.Process(photo, cancellation);
        }

        public bool FromCache(T result) => _inner.FromCache(result);

        public bool Attach(Photo photo, T result) => _inner.Attach(photo, result);

        public StageRecord NewRecord(string batchId) => _inner.NewRecord(batchId);
    }
}
