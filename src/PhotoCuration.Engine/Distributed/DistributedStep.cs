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
        var photo = WirePhoto.FromWire(file.Photo, _request.Library, _layout);
        // Ingest takes the photo as inspection left it; the stage results wait here for their stages.
        var results = new WorkerResults(photo.Preprocess, photo.Features, file.Failed is null ? new PhotoFaces { Model = photo.FaceModel, Faces = photo.Faces ?? Array.Empty<PhotoFace>() } : null, file.Failed);
        (photo.Preprocess, photo.Features, photo.Faces, photo.FaceModel) = (null, null, null, null);
        _results[photo] = results;
        ingest.Accept(primary, photo, null, replacedRaw);
    }

    /// <summary>The stage, answering from the workers' results where they have one (or the error they met), else computing as it would.</summary>
    public IPhotoStage<T> Decorate<T>(IPhotoStage<T> stage) where T : class => new MergedStage<T>(stage, this);

    private sealed record WorkerResults(PhotoPreprocess? Preprocess, PhotoFeatures? Features, PhotoFaces? Faces, StageFailure? Failed)
    {
        public object? For(string stage) =>
            stage == StageCatalog.Preprocess.Name ? Preprocess
            : stage == StageCatalog.Features.Name ? Features
            : stage == StageCatalog.Faces.Name ? Faces
            : null;
    }

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
                if (results.For(Descriptor.Name) is T result) return result;
            }
            return _inner.Process(photo, cancellation);
        }

        public bool FromCache(T result) => _inner.FromCache(result);

        public bool Attach(Photo photo, T result) => _inner.Attach(photo, result);

        public StageRecord NewRecord(string batchId) => _inner.NewRecord(batchId);
    }
}
