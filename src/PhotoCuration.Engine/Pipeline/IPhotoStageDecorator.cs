namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// Wraps every per-photo stage a run opens (<see cref="PhotoStageContext.Decorator"/>), whatever its result
/// type: the distributed run's results from the workers answer in place of the stage's own computing
/// (<see cref="Distributed.DistributedStep"/>).
/// </summary>
public interface IPhotoStageDecorator
{
    IPhotoStage<TResult> Decorate<TResult>(IPhotoStage<TResult> stage) where TResult : class;
}
