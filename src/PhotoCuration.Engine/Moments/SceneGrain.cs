using PhotoCuration.Engine.Scoring;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Noise judged against the scene (docs/algorithms.md#scene-grain-inside-a-moment). The wavelet σ cannot
/// tell fine texture or film-like grain from sensor noise, and the frames of one moment share their scene's:
/// a grainy scene would flag every frame for noise, and a blurred frame, whose blur smooths the grain away,
/// would then out-score its sharp siblings on noise. Inside a moment a frame whose σ is within
/// <see cref="ScoreCalibration.GrainRatio"/>× the moment's typical σ is re-scored with its noise as the
/// scene's grain (no noise flag, no lower noise part); noise clearly above the scene's, or above
/// <see cref="ScoreCalibration.GrainMax"/>, is judged as Measure-PhotoScore judged it.
/// </summary>
public static class SceneGrain
{
    /// <summary>Frames (not dropped, with features) a moment needs before its σ says anything about the scene.</summary>
    public const int MinFrames = 2;

    /// <summary>
    /// The moment's typical σ: the lower median over its frames that were not dropped (of two frames the
    /// cleaner, so one noisy frame never sets the norm); null under <see cref="MinFrames"/> frames.
    /// </summary>
    public static double? Typical(IReadOnlyList<Photo> members)
    {
        var sigmas = members.Where(m => m.Features is not null && m.Score is not { IsDropped: true })
            .Select(m => m.Features!.NoiseSigma).OrderBy(v => v).ToList();
        return sigmas.Count < MinFrames ? null : sigmas[(sigmas.Count - 1) / 2];
    }

    /// <summary>
    /// Re-scores the members whose noise is the scene's grain, and restores the scorecard of members an
    /// earlier grouping judged so but this one does not (grouping twice changes nothing). Only scores made
    /// by this scorecard under <paramref name="theme"/> are re-scored: the scorecard is recomputed from the
    /// features, so another theme's weights would change the Total for a reason that is not the grain.
    /// </summary>
    public static void Judge(IReadOnlyList<Photo> members, PhotoTheme theme)
    {
        var typical = Typical(members);
        foreach (var photo in members)
        {
            if (photo.Score is not { } s || photo.Features is not { } f) continue;
            if (s.ScorecardVersion != Core.StageCatalog.Scoring.Version || !string.Equals(s.Theme, theme.Name, StringComparison.Ordinal)) continue;
            var grain = f.NoiseSigma > ScoreCalibration.NoiseFloor && ScoreCalibration.IsSceneGrain(f.NoiseSigma, typical) ? typical : null;
            if (grain is null && s.SceneNoise is null) continue;
            var again = Scorecard.Score(f, theme, photo.IsLocked, photo.FileName, grain);
            s.QTech = again.QTech;
            s.Total = again.Total;
            s.Verdict = again.Verdict;
            s.ScoredVerdict = again.Verdict;
            s.ScoredTotal = again.Total;
            s.FlagReasons = again.FlagReasons;
            s.DropReasons = again.DropReasons;
            s.IsDropped = again.IsDropped;
            s.Components = again.Components;
            s.SceneNoise = again.SceneNoise;
            s.SiblingFlag = null;
        }
    }
}
