namespace PhotoCuration.Engine.Features;

/// <summary>Colour description of one image.</summary>
public sealed record ColorResult(double Colorfulness, double Warmth, double Saturation, string[] Palette, double[] Shares, (double L, double A, double B)[] PaletteLab);

/// <summary>
/// Colourfulness (Hasler &amp; Süsstrunk 2003, metric M3, REFERENCE 4.3) on all pixels; a dominant
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

    public static ColorResult Measure(FeatureImage image)
    {
        var rgb = image.Rgb;
        double sumRg = 0, sumYb = 0, sumRg2 = 0, sumYb2 = 0;
        var n = image.Luma.Length;
        for (var j = 0; j < rgb.Length; j += 3)
        {
            double r = rgb[j], g = rgb[j + 1], b = rgb[j + 2];
            var rg = r - g;
            var yb = 0.5 * (r + g) - b;
            sumRg += rg; sumYb += yb; sumRg2 += rg * rg; sumYb2 += yb * yb;
        }
        double mRg = sumRg / n, mYb = sumYb / n;
        var sdRg = Math.Sqrt(Math.Max(0, sumRg2 / n - mRg * mRg));
        var sdYb = Math.Sqrt(Math.Max(0, sumYb2 / n - mYb * mYb));
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

    /// <summary>Deterministic k-means (k-means++ seeding with a fixed Random).</summary>
    public static ((double L, double A, double B)[] Centres, double[] Shares) KMeans(IReadOnlyList<(double L, double A, double B)> points, int k = PaletteSize)
    {
        var random = new Random(Seed);
        var centres = new List<(double L, double A, double B)> { points[random.Next(points.Count)] };
        var distances = new double[points.Count];
        while (centres.Count < k)
        {
            double total = 0;
            for (var i = 0; i < points.Count; i++)
            {
                distances[i] = centres.Min(c => Distance2(points[i], c));
                total += distances[i];
            }
            if (total <= 0) break; // fewer distinct colours than k
            var target = random.NextDouble() * total;
            var index = 0;
            for (double acc = 0; index < points.Count - 1; index++)
            {
                acc += distances[index];
                if (acc >= target) break;
            }
            centres.Add(points[index]);
        }
        var assignment = new int[points.Count];
        var c = centres.ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var sums = new (double L, double A, double B)[c.Length];
            var counts = new int[c.Length];
            for (var i = 0; i < points.Count; i++)
            {
                var best = 0;
                var bestDistance = double.MaxValue;
                for (var j = 0; j < c.Length; j++)
                {
                    var d = Distance2(points[i], c[j]);
                    if (d < bestDistance) { bestDistance = d; best = j; }
                }
                assignment[i] = best;
                counts[best]++;
                sums[best] = (sums[best].L + points[i].L, sums[best].A + points[i].A, sums[best].B + points[i].B);
            }
            for (var j = 0; j < c.Length; j++)
            {
                if (counts[j] > 0) c[j] = (sums[j].L / counts[j], sums[j].A / counts[j], sums[j].B / counts[j]);
            }
        }
        var shares = new double[c.Length];
        foreach (var a in assignment) shares[a] += 1.0 / points.Count;
        return (c, shares);
    }

    private static double Distance2((double L, double A, double B) p, (double L, double A, double B) q) =>
        (p.L - q.L) * (p.L - q.L) + (p.A - q.A) * (p.A - q.A) + (p.B - q.B) * (p.B - q.B);
}
