namespace PhotoCuration.Engine.Features;

/// <summary>Where the subject sits and how the frame is balanced.</summary>
public sealed record CompositionResult(double SubjectX, double SubjectY, double RuleOfThirds, double EdgeCut, double Balance);

/// <summary>
/// Composition from the saliency map (docs/algorithms.md#rule-of-thirds): the saliency-weighted centroid (x normalized by
/// width, y by height), the rule-of-thirds score ROT = exp(−D²/(2σ)) with σ = 0.17 and D the distance
/// to the nearest power point (Yeh et al. 2010 as in OpenIMAJ, single-centroid variant, exponent 2σ as
/// written there); edge cut = the share of the subject (cells of the 64×64 map with saliency ≥ 0.3)
/// that lies in the outer ring of 3 cells: a subject cut by the frame has a large part of itself on
/// the edge, a framed one none; when salient cells cover over 35% of the frame (a meadow, water,
/// texture) there is no single subject to cut and the measure is 0 [heuristic]; balance = 1 − |left − right| / total saliency mass.
/// The edge cut relies on a map whose border is the photo's own: <see cref="SpectralResidualSaliency"/>
/// keeps the DFT's wrap-around out of the frame, else every landscape's sky/ground jump reads as a cut.
/// </summary>
public static class CompositionFeatures
{
    public const double ThirdsSigma = 0.17;
    private const int EdgeRing = 3;
    private const float SubjectLevel = 0.3f;
    private const double MaxSubjectArea = 0.35;
    private static readonly (double X, double Y)[] PowerPoints = { (1 / 3.0, 1 / 3.0), (2 / 3.0, 1 / 3.0), (1 / 3.0, 2 / 3.0), (2 / 3.0, 2 / 3.0) };

    public static CompositionResult Measure(float[,] saliency)
    {
        int h = saliency.GetLength(0), w = saliency.GetLength(1);
        double mass = 0, mx = 0, my = 0, left = 0, right = 0;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                double s = saliency[y, x];
                mass += s;
                mx += s * (x + 0.5) / w;
                my += s * (y + 0.5) / h;
                if (x < w / 2) left += s; else right += s;
            }
        if (mass <= 0) return new CompositionResult(0.5, 0.5, ThirdsScore(0.5, 0.5), 0, 1);
        double cx = mx / mass, cy = my / mass;
        return new CompositionResult(cx, cy, ThirdsScore(cx, cy), EdgeCut(saliency), 1 - Math.Abs(left - right) / mass);
    }

    public static double ThirdsScore(double x, double y)
    {
        var d2 = PowerPoints.Min(p => (x - p.X) * (x - p.X) + (y - p.Y) * (y - p.Y));
        return Math.Exp(-d2 / (2 * ThirdsSigma));
    }

    private static double EdgeCut(float[,] s)
    {
        int h = s.GetLength(0), w = s.GetLength(1);
        double subject = 0, onEdge = 0;
        var cells = 0;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                if (s[y, x] < SubjectLevel) continue;
                subject += s[y, x];
                cells++;
                if (y < EdgeRing || x < EdgeRing || y >= h - EdgeRing || x >= w - EdgeRing) onEdge += s[y, x];
            }
        if (subject <= 0 || cells > MaxSubjectArea * h * w) return 0;
        return onEdge / subject;
    }
}
