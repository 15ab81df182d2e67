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
    /// The moment's typical σ: the lower median over the frames that show the scene's grain as it is (of two
    /// frames the cleaner, so one noisy frame never sets the norm); null under <see cref="MinFrames"/> frames
    /// not dropped. Those frames are the sharp ones at full scale: not dropped, at the moment's largest long
    /// edge (within <see cref="RelativeDetail.ComparableScale"/>), not enlarged, not flagged under- or
    /// overexposed and with at least <see cref="RelativeDetail.ClearlySofter"/> of the sharp frames' detail (the
    /// second sharpest frame's, from three frames on);
    /// a blurred, smeared, dark, smaller or enlarged frame has lost part of the grain. When fewer than
    /// <see cref="MinFrames"/> frames qualify, every frame not dropped counts.
    /// </summary>
    public static double? Typical(IReadOnlyList<Photo> members)
    {
        var kept = members.Where(m => m.Features is not null && m.Score is not { IsDropped: true }).ToList();
        if (kept.Count < MinFrames) return null;
        var fullEdge = kept.Max(m => m.Features!.LongEdge);
        // The second sharpest from three frames on: noise reads partly as detail, so one noisy frame must not set it.
        var details = kept.Select(m => m.Features!.Detail).OrderDescending().ToList();
        var sharpest = details[details.Count >= 3 ? 1 : 0];
        var norm = kept.Where(m => ShowsGrain(m, fullEdge, sharpest)).ToList();
        var sigmas = (norm.Count >= MinFrames ? norm : kept).Select(m => m.Features!.NoiseSigma).OrderBy(v => v).ToList();
        return sigmas[(sigmas.Count - 1) / 2];
    }

    private static bool ShowsGrain(Photo photo, int fullEdge, double sharpestDetail)
    {
        var f = photo.Features!;
        var fullScale = f.LongEdge <= 0 || fullEdge <= 0 || f.LongEdge >= RelativeDetail.ComparableScale * fullEdge;
        var exposed = photo.Score is not { } s || !(s.DropReasons.Contains("underexposed") || s.DropReasons.Contains("overexposed"));
        return fullScale && exposed && !Scorecard.IsEnlarged(f) && Math.Pow(2, f.Detail - sharpestDetail) >= RelativeDetail.ClearlySofter;
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
            // Components rebuilt from stage JSON stay computed when read (docs/architecture.md#archive-scale), now with the grain.
            if (s.ComputesComponentsOnRead())
            {
                var (locked, name) = (photo.IsLocked, photo.FileName);
                s.ComputeComponentsOnRead(() => Scorecard.Score(f, theme, locked, name, grain).Components);
            }
            else s.Components = again.Components;
            s.SceneNoise = again.SceneNoise;
            s.SiblingFlag = null;
        }
    }
}
