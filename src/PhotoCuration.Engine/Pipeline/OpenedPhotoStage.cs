using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// A per-photo stage opened for one run (<see cref="IPhotoStageOpener"/>): it starts streams of photos
/// through the stage without its caller knowing the stage's result type, and owns what was opened for
/// the run (models), released on <see cref="Dispose"/>.
/// </summary>
public abstract class OpenedPhotoStage : IDisposable
{
    public abstract StageDescriptor Descriptor { get; }

    /// <summary>A run of the stage over a stream of photos: each result is attached and the photo passed to <paramref name="emit"/>, in input order.</summary>
    public abstract IPhotoStream Start(IStageReporter reporter, Action<Photo> emit, int workers, CancellationToken cancellation);

    public abstract void Dispose();
}

/// <summary>The <see cref="OpenedPhotoStage"/> of a stage whose results are <typeparamref name="TResult"/>.</summary>
public sealed class OpenedPhotoStage<TResult> : OpenedPhotoStage where TResult : class
{
    private readonly Func<WorkspaceLayout, IPhotoStage<TResult>> _stageFor;
    private readonly IDisposable? _resources;

    /// <param name="resources">What was opened for the run (models), disposed with this; null when nothing was.</param>
    public OpenedPhotoStage(StageDescriptor descriptor, Func<WorkspaceLayout, IPhotoStage<TResult>> stageFor, IDisposable? resources = null)
    {
        Descriptor = descriptor;
        _stageFor = stageFor;
        _resources = resources;
    }

    public override StageDescriptor Descriptor { get; }

    public override IPhotoStream Start(IStageReporter reporter, Action<Photo> emit, int workers, CancellationToken cancellation) =>
        new PhotoStageRun<TResult>(Descriptor, _stageFor, reporter, emit, workers, cancellation);

    public override void Dispose() => _resources?.Dispose();
}
