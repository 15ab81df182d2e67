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

    /// <summary>
    /// One photo through the stage on the calling thread, its result attached, and no stage document: a
    /// distributed worker's step (the coordinator writes the documents). False when the photo leaves the
    /// stream here; throws what the stage throws for a bad photo. Thread-safe (as <see cref="IPhotoStage{TResult}.Process"/>).
    /// </summary>
    public bool Run(Photo photo, string workspace, CancellationToken cancellation) => Run(photo, workspace, cancellation, out _);

    /// <summary>As <see cref="Run(Photo, string, CancellationToken)"/>, giving the stage's result for the photo (a <see cref="ResultType"/>), e.g. to send it elsewhere.</summary>
    public abstract bool Run(Photo photo, string workspace, CancellationToken cancellation, out object result);

    /// <summary>The type of the stage's results (how a result travels: <c>Distributed.WireResult</c>).</summary>
    public abstract Type ResultType { get; }

    /// <summary>What was opened for the run (the models), or null: for a caller that reports on them.</summary>
    public abstract IDisposable? Resources { get; }

    /// <summary>The same stage, each per-workspace instance wrapped by <paramref name="decorator"/>; it takes over what this one owns.</summary>
    public abstract OpenedPhotoStage With(IPhotoStageDecorator decorator);

    public abstract void Dispose();
}

/// <summary>The <see cref="OpenedPhotoStage"/> of a stage whose results are <typeparamref name="TResult"/>.</summary>
public sealed class OpenedPhotoStage<TResult> : OpenedPhotoStage where TResult : class
{
    private readonly Func<WorkspaceLayout, IPhotoStage<TResult>> _stageFor;
    private readonly IDisposable? _resources;
    // The stage per workspace for Run (a stream keeps its own, PhotoStageRun).
    private readonly Dictionary<string, IPhotoStage<TResult>> _stages = new(StringComparer.Ordinal);

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

    public override Type ResultType => typeof(TResult);

    public override bool Run(Photo photo, string workspace, CancellationToken cancellation, out object result)
    {
        IPhotoStage<TResult> stage;
        lock (_stages)
        {
            if (!_stages.TryGetValue(workspace, out stage!))
            {
                stage = _stageFor(new WorkspaceLayout(workspace));
                _stages[workspace] = stage;
            }
        }
        photo.Workspace = workspace;
        var processed = stage.Process(photo, cancellation);
        result = processed;
        return stage.Attach(photo, processed);
    }

    public override IDisposable? Resources => _resources;

    public override OpenedPhotoStage With(IPhotoStageDecorator decorator) =>
        new OpenedPhotoStage<TResult>(Descriptor, layout => decorator.Decorate(_stageFor(layout)), _resources);

    public override void Dispose() => _resources?.Dispose();
}
