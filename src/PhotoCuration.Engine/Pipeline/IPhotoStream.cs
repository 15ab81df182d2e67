namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// A per-photo stage running over a stream of photos, whatever its result type
/// (<see cref="PhotoStageRun{TResult}"/>): photos go in with <see cref="Add"/>, results come out in order
/// through the emit the stream was started with, and <see cref="Complete"/> writes the stage documents.
/// </summary>
public interface IPhotoStream : IDisposable
{
    /// <summary>Photos expected in all (for percent complete), when the caller knows it.</summary>
    void ExpectMore(int count);

    void Add(Photo photo, string workspace);

    /// <summary>Emits the results ready so far, on the calling thread.</summary>
    void Drain();

    /// <summary>Finishes the work and writes each batch's stage document and timing.</summary>
    (IReadOnlyList<string> StageJsons, string Summary) Complete();

    void Cancel();

    /// <summary>Counts and times of the run so far (how many photos came from the cache).</summary>
    StageClock Clock { get; }
}
