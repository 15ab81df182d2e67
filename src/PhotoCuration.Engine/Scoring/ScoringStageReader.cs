using PhotoCuration.Engine.Readers;

namespace PhotoCuration.Engine.Scoring;

/// <summary>The scoring record's part of a photo: its score, gate and components (<see cref="ScoreRebuilder"/>).</summary>
public sealed class ScoringStageReader() : PhotoStageReader<ScoringStageDocument, ScoringStageDocument.ScoreEntry>(StageCatalog.Scoring, nameof(ScoringStageDocument.Scores))
{
    public override PhotoStageRecords Open(StageImportContext context)
    {
        var rescorer = new ScoreRebuilder(Head(context), context);
        return PhotoStageRecords.Of(Records(context), s => s.PhotoId, (photo, s) => photo.Score = rescorer.Rebuild(photo, s), rescorer.Finish);
    }
}
