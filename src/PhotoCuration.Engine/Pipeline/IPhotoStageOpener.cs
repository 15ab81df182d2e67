namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// How a run opens a per-photo stage: once per run, with what the stage needs for the whole run (its
/// models), giving a stage per workspace. Every per-photo stage after ingest has one, named by its
/// catalogue line (<see cref="StageDescriptor.Opener"/>), so the curation session runs the catalogue's
/// stages without naming any of them (docs/architecture.md#adding-a-stage). Implementations have a
/// public parameterless constructor.
/// </summary>
public interface IPhotoStageOpener
{
    /// <summary>The stage opened for one run; the caller disposes it (its models) when the run ends.</summary>
    /// <exception cref="Models.ModelValidationException">A model the stage needs is invalid (the caller decides whether that stops the run).</exception>
    OpenedPhotoStage Open(PhotoStageContext context);

    /// <summary>The opener a catalogue line names; throws <see cref="InvalidOperationException"/> when it names none or not an opener.</summary>
    public static IPhotoStageOpener For(StageDescriptor stage) =>
        (stage.Opener is null ? null : Activator.CreateInstance(stage.Opener) as IPhotoStageOpener)
        ?? throw new InvalidOperationException($"Stage '{stage.Name}' has no {nameof(IPhotoStageOpener)} on its catalogue line.");
}
