using System.Runtime.CompilerServices;
namespace PhotoCuration.Engine.Features;

/// <summary>Colour description of one image.</summary>
public sealed record ColorResult(double Colorfulness, double Warmth, double Saturation, string[] Palette, double[] Shares, (double L, double A, double B)[] PaletteLab);

/// <summary>
/// Colourfulness (Hasler &amp; Süsstrunk 2003, metric M3, docs/algorithms.md#colourfulness) on all pixels; a dominant
/// palette by k-means in CIE Lab (k = 5, k-means++ seeding with a fixed seed, on every 8th pixel of
/// every 8th row); warmth = mean Lab b* / 40 clamped to [−1, 1] (yellow-orange positive, blue
/// negative) [heuristic]; mean HSV saturation.
/// </summary>
public static class ColorFeatures
{
    public const int PaletteSize = 5;
    private const int Step = 8; // ~10k samples of a 1024-px image: plenty for 5 clusters, 4× cheaper than every 4th
    private const int Iterations = 10;
    private const int Seed = 20240914;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ColorResult Measure(FeatureImage image)
    {
        var rgb = image.Rgb;
        // Integer sums are exact: rg = R − G and 2·yb = R + G − 2B, so no rounding and no order effects.
        long sumRg = 0, sumYb2 = 0, sumRgSq = 0, sumYb2Sq = 0;
        for (var j = 0; j < rgb.Length; j += 3)
        {
            int r = rgb[j], g = rgb[j + 1], b = rgb[j + 2];
            var rg = r - g;
            var yb2 = r + g - 2 * b;
            sumRg += rg; sumYb2 += yb2; sumRgSq += rg * rg; sumYb2Sq += yb2 * yb2;
        }
        double n = image.PixelCount;
        double mRg = sumRg / n, mYb = sumYb2 / (2 * n);
        var sdRg = Math.Sqrt(Math.Max(0, sumRgSq / n - mRg * mRg));
        var sdYb = Math.Sqrt(Math.Max(0, sumYb2Sq / (4 * n) - mYb * mYb));
        var colorfulness = Math.Sqrt(sdRg * sdRg + sdYb * sdYb) + 0.3 * Math.Sqrt(mRg * mRg + mYb * mYb);

        var samples = new List<(double L, double A, double B)>();
        double saturation = 0;
        for (var y = 0; y < image.Height; y += Step)
            for (var x = 0; x < image.Width; x += Step)
            {
                var j = (y * image.Width + x) * 3;
                samples.Add(ColorSpace.ToLab(rgb[j], rgb[j + 1], rgb[j + 2]));
                int max = Math.Max(rgb[j], Math.Max(rgb[j + 1], rgb[j + 2])), min = Math.Min(rgb[j], Math.Min(rgb[j + 1], rgb[j + 2]));
                saturation += max == 0 ? 0 : (max - min) / (double)max;
            }
        var warmth = Math.Clamp(samples.Average(s => s.B) / 40, -1, 1);
        var (centres, shares) = KMeans(samples);
        var order = Enumerable.Range(0, centres.Length)
            .Select(i => (Hex: Hex(centres[i]), Share: shares[i], Lab: centres[i]))
            .Where(c => c.Share > 0)
            .OrderByDescending(c => Math.Round(c.Share, 6)).ThenBy(c => c.Hex, StringComparer.Ordinal).ToArray();
        return new ColorResult(colorfulness, warmth, saturation / samples.Count,
            order.Select(c => c.Hex).ToArray(), order.Select(c => Math.Round(c.Share, 4)).ToArray(), order.Select(c => c.Lab).ToArray());
    }

    private static string Hex((double L, double A, double B) lab)
    {
        var (r, g, b) = ColorSpace.FromLab(lab.L, lab.A, lab.B);
        return $"#{r:X2}{g:X2}{b:X2}";
    }

    /// <summary>
    /// Deterministic k-means (k-means++ seeding with a fixed Random, then Lloyd iterations). Points and
    /// centres live in flat arrays and each point keeps its distance to the nearest centre so far, so
    /// seeding costs one distance per point per new centre.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ((double L, double A, double B)[] Centres, double[] Shares) KMeans(IReadOnlyList<(double L, double A, double B)> points, int k = PaletteSize)
    {
        var count = points.Count;
        var pl = new double[count];
        var pa = new double[count];
        var pb = new double[count];
        for (var i = 0; i < count; i++) (pl[i], pa[i], pb[i]) = points[i];
        var random = new Random(Seed);
        var cl = new double[k];
        var ca = new double[k];
        var cb = new double[k];
        var first = random.Next(count);
        (cl[0], ca[0], cb[0]) = (pl[first], pa[first], pb[first]);
        var centres = 1;
        var distances = new double[count];
        Array.Fill(distances, double.MaxValue);
        while (centres < k)
        {
            double total = 0;
            int last = centres - 1;
            for (var i = 0; i < count; i++)
            {
                var d = D2(pl[i], pa[i], pb[i], cl[last], ca[last], cb[last]);
                if (d < distances[i]) distances[i] = d;
                total += distances[i];
            }
            if (total <= 0) break; // fewer distinct colours than k
            var target = random.NextDouble() * total;
            var index = 0;
            for (double acc = 0; index < count - 1; index++)
            {
                acc += distances[index];
                if (acc >= target) break;
            }
            (cl[centres], ca[centres], cb[centres]) = (pl[index], pa[index], pb[index]);
            centres++;
        }
        var assignment = new int[count];
        var sums = new double[centres * 3];
        var counts = new int[centres];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < count; i++)
            {
                var best = 0;
                var bestDistance = double.MaxValue;
                for (var j = 0; j < centres; j++)
                {
                    var d = D2(pl[i], pa[i], pb[i], cl[j], ca[j], cb[j]);
                    if (d < bestDistance) { bestDistance = d; best = j; }
                }
                assignment[i] = best;
                counts[best]++;
                sums[best * 3] += pl[i];
                sums[best * 3 + 1] += pa[i];
                sums[best * 3 + 2] += pb[i];
            }
            for (var j = 0; j < centres; j++)
            {
                if (counts[j] > 0) (cl[j], ca[j], cb[j]) = (sums[j * 3] / counts[j], sums[j * 3 + 1] / counts[j], sums[j * 3 + 2] / counts[j]);
            }
        }
        var shares = new double[centres];
        foreach (var a in assignment) shares[a] += 1.0 / count;
        var result = new (double L, double A, double B)[centres];
        for (var j = 0; j < centres; j++) result[j] = (cl[j], ca[j], cb[j]);
        return (result, shares);
    }

    private static double D2(double l1, double a1, double b1, double l2, double a2, double b2) =>
        (l1 - l2) * (l1 - l2) + (a1 - a2) * (a1 - a2) + (b1 - b2) * (b1 - b2);
}
