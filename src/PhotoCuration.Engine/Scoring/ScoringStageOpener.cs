using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Scoring;

/// <summary>How a run opens the scoring stage: the run's theme, dropped photos kept in the stream (selection reports them).</summary>
public sealed class ScoringStageOpener : IPhotoStageOpener
{
    public OpenedPhotoStage Open(PhotoStageContext context) =>
        new OpenedPhotoStage<PhotoScore>(StageCatalog.Scoring, layout => new ScoringStage(layout, context.Theme, includeDropped: true));
}
