using PhotoCuration.Engine.Readers;

namespace PhotoCuration.Engine.Scoring;

/// <summary>The scoring record's part of a photo: its score, gate and components (<see cref="ScoreRebuilder"/>).</summary>
public sealed class ScoringStageReader() : PhotoStageReader<ScoringStageDocument>(StageCatalog.Scoring)
{
    protected override PhotoStageRecords Open(StageImportContext context, ScoringStageDocument document)
    {
        var rescorer = new ScoreRebuilder(document, context);
        return PhotoStageRecords.Of(document.Scores, s => s.PhotoId, (photo, s) => photo.Score = rescorer.Rebuild(photo, s), rescorer.Finish);
    }
}
