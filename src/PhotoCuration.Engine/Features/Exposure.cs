using System.Runtime.CompilerServices;
namespace PhotoCuration.Engine.Features;

/// <summary>Luma distribution and clipping of one image.</summary>
public sealed record ExposureResult(double Mean, double P1, double P5, double P50, double P95, double P99, double HighlightClip, double ShadowClip, double ChannelClip)
{
    /// <summary>p99 − p1: skimage is_low_contrast's ratio (low contrast below 0.05).</summary>
    public double Contrast => P99 - P1;
    public bool IsLowContrast => Contrast < Exposure.LowContrastFraction;
}

/// <summary>
/// Exposure statistics (docs/algorithms.md#exposure-and-contrast): luma percentiles from a 256-bin histogram, highlight clip =
/// share of pixels blown to white (min(R,G,B) ≥ 250), shadow clip = share with luma ≤ 5/255
/// [heuristic thresholds]. docs/algorithms.md#exposure-and-contrast suggests max(R,G,B) ≥ 250; on real photographs that counts
/// every saturated yellow petal or red dress as "clipped" (26% of a sunflower), so only pixels blown
/// in all three channels count; REFERENCE's measure is kept as channel clip, a weaker signal.
/// </summary>
public static class Exposure
{
    public const int HighlightLevel = 250;
    public const float ShadowLevel = 5 / 255f;
    /// <summary>skimage exposure.is_low_contrast default fraction_threshold.</summary>
    public const double LowContrastFraction = 0.05;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ExposureResult Measure(FeatureImage image)
    {
        var histogram = new int[256];
        long highlight = 0, shadow = 0, channel = 0;
        double sum = 0;
        var rgb = image.Rgb;
        var luma = image.Luma;
        for (var row = 0; row < image.Height; row++)
        {
            // Float partial sums per row (≤ a few thousand values in [0,1]), double across rows.
            var rowSum = 0f;
            var start = row * image.Width;
            for (int i = start, j = start * 3; i < start + image.Width; i++, j += 3)
            {
                var y = luma[i];
                rowSum += y;
                histogram[Math.Min(255, (int)(y * 255 + 0.5f))]++;
                int r = rgb[j], g = rgb[j + 1], b = rgb[j + 2];
                // min ≥ level ⇔ all three blown; max ≥ level ⇔ any one.
                if (Math.Min(r, Math.Min(g, b)) >= HighlightLevel) highlight++;
                if (Math.Max(r, Math.Max(g, b)) >= HighlightLevel) channel++;
                if (y <= ShadowLevel) shadow++;
            }
            sum += rowSum;
        }
        double n = luma.Length;
        return new ExposureResult(sum / n, Percentile(histogram, n, 0.01), Percentile(histogram, n, 0.05), Percentile(histogram, n, 0.50),
            Percentile(histogram, n, 0.95), Percentile(histogram, n, 0.99), highlight / n, shadow / n, channel / n);
    }

    private static double Percentile(int[] histogram, double n, double q)
    {
        var target = q * n;
        long cumulative = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            cumulative += histogram[i];
            if (cumulative >= target) return i / 255.0;
        }
        return 1;
    }
}
