using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Scoring;

/// <summary>Collects a batch's scorecards in input order for its scoring stage JSON.</summary>
public sealed class ScoringBatch : StageRecord
{
    private readonly PhotoTheme _theme;
    private readonly ScoringStageDocument _document;

    public ScoringBatch(string batchId, WorkspaceLayout layout, PhotoTheme theme)
        : base(StageCatalog.Scoring, Scorecard.Version, batchId, layout, theme.Hash)
    {
        _theme = theme;
        _document = new ScoringStageDocument { ThemeSpecRef = theme.Name, ThemeHash = theme.Hash, QTechMin = theme.QTechMin };
    }

    protected override void Record(Photo photo)
    {
        var s = photo.Score ?? throw new ArgumentException($"'{photo.FileName}' has no score.", nameof(photo));
        _document.Scores.Add(new ScoringStageDocument.ScoreEntry
        {
            PhotoId = photo.PhotoId,
            QTech = s.QTech,
            Aesthetic = s.Aesthetic,
            Vibe = s.Vibe,
            Typography = s.Typography,
            Composition = s.Composition,
            TotalPrelim = s.Total,
            Locked = photo.IsLocked,
            Verdict = s.Verdict,
            FlagReasons = s.FlagReasons,
        });
        if (s.IsDropped) _document.DroppedForTech.Add(photo.PhotoId);
        if (s.DropReasons.Length > 0) _document.DropReasons[photo.PhotoId] = s.DropReasons;
    }

    protected override StageDocument Build() => _document;
}
