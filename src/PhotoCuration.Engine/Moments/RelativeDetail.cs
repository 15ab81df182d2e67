using PhotoCuration.Engine.Scoring;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Sharpness inside a moment (docs/algorithms.md#relative-detail-inside-a-moment): each frame's fine
/// detail as a fraction of the sharpest comparable sibling's. Detail is in octaves (log2 of an energy
/// ratio), so the fraction is 2^(d − d_ref). Comparable: not dropped, not flagged for noise (grain
/// reads as detail) and of a similar resolution (a smaller copy is measured at another scale; the
/// resolution score judges it). A frame under <see cref="ClearlySofter"/> of the reference is clearly
/// softer and loses to it whatever small differences elsewhere say. The direction it lost most detail
/// in, compared with the reference direction by direction, names a motion blur and its angle.
/// </summary>
public static class RelativeDetail
{
    /// <summary>Detail fraction under which a frame is clearly softer than its sharpest sibling [heuristic].</summary>
    public const double ClearlySofter = 0.7;
    /// <summary>Linear resolution ratio within which two frames' detail is comparable.</summary>
    public const double ComparableScale = 0.8;
    /// <summary>A loss this many octaves larger in one direction than in the perpendicular one is a motion blur.</summary>
    public const double MotionLossSpread = 0.5;

    /// <param name="Reference">The sharpest comparable sibling.</param>
    /// <param name="Fraction">This frame's detail as a fraction of the reference's (1 for the reference itself).</param>
    /// <param name="MotionAngle">Direction of a motion blur relative to the reference, degrees counter-clockwise from horizontal; null when the loss is even.</param>
    public sealed record Comparison(Photo Reference, double Fraction, double? MotionAngle)
    {
        public bool IsClearlySofter => Fraction < ClearlySofter;
    }

    /// <summary>Every member's comparison with its sharpest comparable sibling, by photo id (members without features are left out).</summary>
    public static Dictionary<string, Comparison> Compare(IReadOnlyList<Photo> members)
    {
        var result = new Dictionary<string, Comparison>(StringComparer.Ordinal);
        var typicalNoise = SceneGrain.Typical(members);
        var references = members.Where(m => IsReference(m, typicalNoise)).ToList();
        foreach (var photo in members)
        {
            if (photo.Features is not { } f) continue;
            var reference = references
                .Where(r => Comparable(r.Features!, f))
                .OrderByDescending(r => r.Features!.Detail)
                .ThenBy(r => r.PhotoId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (reference is null || reference.Features!.Detail <= f.Detail)
            {
                result[photo.PhotoId] = new Comparison(photo, 1, null);
                continue;
            }
            var fraction = Math.Pow(2, f.Detail - reference.Features.Detail);
            result[photo.PhotoId] = new Comparison(reference, fraction, MotionAngle(reference.Features.DetailByDirection, f.DetailByDirection));
        }
        return result;
    }

    /// <summary>Whether <paramref name="candidate"/> may be the reference <paramref name="photo"/> is compared with.</summary>
    public static bool IsReferenceFor(Photo candidate, Photo photo, IReadOnlyList<Photo> members) =>
        IsReference(candidate, SceneGrain.Typical(members)) && photo.Features is { } f && Comparable(candidate.Features!, f);

    /// <summary>
    /// A reference is not dropped, not flagged for its exposure (a sibling replaces a frame only when it is
    /// sharper and better exposed) and not noisier than its moment: noise within <see cref="ScoreCalibration.GrainRatio"/>× the
    /// moment's typical σ is the scene's own grain or texture (the wavelet σ reads both), not a defect (<see cref="SceneGrain"/>).
    /// </summary>
    private static bool IsReference(Photo p, double? typicalNoise) =>
        p.Features is { } f && p.Score is not { IsDropped: true }
        && !(p.Score is { } s && (s.DropReasons.Contains("underexposed") || s.DropReasons.Contains("overexposed")))
        && (1 - ScoreCalibration.Ramp(f.NoiseSigma, ScoreCalibration.NoiseFloor, ScoreCalibration.NoiseRange) >= ScoreCalibration.NoiseFlag
            || ScoreCalibration.IsSceneGrain(f.NoiseSigma, typicalNoise));

    private static bool Comparable(PhotoFeatures a, PhotoFeatures b)
    {
        // Detail is measured on the standardized image: frames of the same pixel size compare, however much of
        // it holds detail (an enlarged copy is softer there, which is what this comparison shows).
        if (a.LongEdge > 0 && b.LongEdge > 0) return (double)Math.Min(a.LongEdge, b.LongEdge) / Math.Max(a.LongEdge, b.LongEdge) >= ComparableScale;
        if (a.Megapixels <= 0 || b.Megapixels <= 0) return true;
        var scale = Math.Sqrt(Math.Min(a.Megapixels, b.Megapixels) / Math.Max(a.Megapixels, b.Megapixels));
        return scale >= ComparableScale;
    }

    /// <summary>
    /// The direction of the largest loss of detail against the reference, refined between the 22.5° samples
    /// by a parabola through the neighbours; null unless it exceeds the perpendicular loss by <see cref="MotionLossSpread"/>.
    /// </summary>
    public static double? MotionAngle(double[] reference, double[] frame)
    {
        var n = reference.Length;
        if (n < 4 || frame.Length != n) return null;
        var loss = reference.Zip(frame, (r, f) => r - f).ToArray();
        var k = Array.IndexOf(loss, loss.Max());
        if (loss[k] - loss[(k + n / 2) % n] < MotionLossSpread) return null;
        double a = loss[(k + n - 1) % n], b = loss[k], c = loss[(k + 1) % n];
        var curvature = a - 2 * b + c;
        var offset = curvature < 0 ? Math.Clamp(0.5 * (a - c) / curvature, -0.5, 0.5) : 0;
        var step = 180.0 / n;
        return Math.Round(((k + offset) * step % 180 + 180) % 180);
    }
}
