using System.Runtime.CompilerServices;
namespace PhotoCuration.Engine.Features;

/// <summary>Estimated tilt of the horizon, degrees counter-clockwise, and how sure the estimate is.</summary>
public sealed record TiltResult(double Degrees, double Confidence);

/// <summary>
/// Horizon tilt from a magnitude-weighted histogram of edge orientations (docs/algorithms.md#horizon-tilt, the cheaper
/// alternative to Hough): strong-edge pixels (top 10% gradient energy) whose edge runs within ±20° of
/// horizontal vote in 0.25° bins; the peak, refined by a parabola through its neighbours, is the tilt.
/// Confidence = the vote share within ±1° of the peak among all strong edges [heuristic].
/// </summary>
public static class HorizonTilt
{
    public const double MaxDegrees = 20;
    private const double BinDegrees = 0.25;
    private const double StrongEdgeQuantile = 0.90;
    /// <summary>tan(21°): a gradient with |Gx| above this times |Gy| is more than 21° from vertical, so its edge is outside ±20°.</summary>
    private static readonly double PrefilterSlope = Math.Tan(21 * Math.PI / 180);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TiltResult Measure(Gradients g)
    {
        var energies = g.Energy;
        var magnitudes = g.Magnitude;
        ReadOnlySpan<float> gx = g.Gx, gy = g.Gy;
        var threshold = Quantile(energies, StrongEdgeQuantile);
        if (threshold <= 1e-6f) return new TiltResult(0, 0);

        var bins = (int)(2 * MaxDegrees / BinDegrees) + 1;
        var histogram = new double[bins];
        double strongTotal = 0;
        for (var i = 0; i < energies.Length; i++)
        {
            if (energies[i] < threshold) continue;
            double weight = magnitudes[i];
            strongTotal += weight;
            // Only near-vertical gradients (edges within ±20° of horizontal) can vote: a cheap test with
            // a margin first, so atan2 runs on a few percent of the pixels; the exact test follows.
            if (Math.Abs(gx[i]) > PrefilterSlope * Math.Abs(gy[i])) continue;
            // Edge direction is perpendicular to the gradient; with y pointing down, a line rising to
            // the right (counter-clockwise tilt α) has gradient angle 90° − α.
            // atan2 ∈ (−180°, 180°], so α ∈ [−90°, 270°): fold the upper half onto [−90°, 90°).
            var alpha = 90 - Math.Atan2(gy[i], gx[i]) * 180 / Math.PI;
            if (alpha >= 90) alpha -= 180;
            if (Math.Abs(alpha) > MaxDegrees) continue;
            histogram[(int)Math.Round((alpha + MaxDegrees) / BinDegrees)] += weight;
        }
        // Light smoothing (1-2-1) so one noisy bin does not win.
        var smooth = new double[bins];
        for (var b = 0; b < bins; b++) smooth[b] = 0.25 * histogram[Math.Max(b - 1, 0)] + 0.5 * histogram[b] + 0.25 * histogram[Math.Min(b + 1, bins - 1)];
        var peak = Array.IndexOf(smooth, smooth.Max());
        if (smooth[peak] <= 0) return new TiltResult(0, 0);
        var offset = 0.0;
        if (peak > 0 && peak < bins - 1)
        {
            var denominator = smooth[peak - 1] - 2 * smooth[peak] + smooth[peak + 1];
            if (Math.Abs(denominator) > 1e-12) offset = 0.5 * (smooth[peak - 1] - smooth[peak + 1]) / denominator;
        }
        var degrees = (peak + offset) * BinDegrees - MaxDegrees;
        var window = (int)(1 / BinDegrees);
        double near = 0;
        for (var b = Math.Max(0, peak - window); b <= Math.Min(bins - 1, peak + window); b++) near += histogram[b];
        return new TiltResult(Math.Round(degrees, 2), Math.Round(near / strongTotal, 4));
    }

    /// <summary>Quantile from a 4096-bin histogram: a full sort of a megapixel would cost more than the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Quantile(ReadOnlySpan<float> values, double q)
    {
        var max = SpanMath.Max(values);
        if (max <= 0) return 0;
        const int Bins = 4096;
        var histogram = new int[Bins];
        var scale = (Bins - 1) / max;
        foreach (var v in values) histogram[Math.Min(Bins - 1, (int)(v * scale))]++;
        var target = q * values.Length;
        long cumulative = 0;
        for (var b = 0; b < Bins; b++)
        {
            cumulative += histogram[b];
            if (cumulative >= target) return (float)(b * max / (Bins - 1));
        }
        return max;
    }
}
