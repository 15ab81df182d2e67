namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// A per-photo stage (preprocess, features, scoring, and the face stage to come): what it computes for one
/// photo, where that is cached, how the result attaches to the photo and how a batch of results is
/// recorded in the stage document. <see cref="PhotoStageRun{TResult}"/> runs one on parallel workers for
/// the streaming cmdlets and the curation session alike; the stage's reader (Stages.PhotoRebuilder)
/// turns the document back into the same result. See docs/architecture.md#stage-model.
/// </summary>
public interface IPhotoStage<TResult> where TResult : class
{
    StageDescriptor Descriptor { get; }

    /// <summary>The content address of the photo's cached result, or null for a stage that caches nothing.</summary>
    string? CacheKey(Photo photo);

    /// <summary>The result for one photo, from the cache when it holds it. Runs on a worker thread; throws <see cref="PhotoInputException"/> for a bad photo.</summary>
    TResult Process(Photo photo, CancellationToken cancellation);

    /// <summary>True when <paramref name="result"/> came from the cache (for the run's counts).</summary>
    bool FromCache(TResult result);

    /// <summary>Stores the result on the photo; false when the photo leaves the stream (it is still recorded).</summary>
    bool Attach(Photo photo, TResult result);

    /// <summary>A record collecting one batch's results for the stage document.</summary>
    StageRecord NewRecord(string batchId);
}
