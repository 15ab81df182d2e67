namespace PhotoCuration.Engine.Features;

/// <summary>Sharpness measures of one image.</summary>
public sealed record SharpnessResult(double Tenengrad, double LaplacianVariance, double SubjectTenengrad, double[] TileTenengrad)
{
    /// <summary>log1p(1000 × mean Tenengrad): luma in [0,1] gives small raw values; the factor spreads them.</summary>
    public double Global => Scale(Tenengrad);
    /// <summary>The same for the subject (best tiles, saliency-weighted when a map was given).</summary>
    public double Subject => Scale(SubjectTenengrad);
    public double LaplacianLog => Math.Log(1 + 1000 * LaplacianVariance);

    public static double Scale(double tenengrad) => Math.Log(1 + 1000 * tenengrad);
}

/// <summary>
/// Tenengrad (Krotkov 1986: mean of Gx²+Gy²) and variance of Laplacian (Pech 2000, 4-neighbour kernel
/// [[0,1,0],[1,-4,1],[0,1,0]] as OpenCV ksize=1), on an 8×8 tile grid. The subject's sharpness is the
/// mean of the top decile of tiles, blended with the saliency-weighted tile mean when saliency is
/// known, so a sharp subject on a soft background (shallow depth of field) is not judged blurry
/// (REFERENCE 1.1, heuristic). Tenengrad grows with the square of contrast, so it is divided by
/// (p99 − p1)² of luma: a correctly focused but dark (or flat) frame is not mistaken for a blurred one;
/// exposure is judged separately.
/// </summary>
public static class Sharpness
{
    public const int Grid = 8;
    /// <summary>Floor of the contrast normalization, so a nearly flat frame is not amplified into noise.</summary>
    public const double MinContrast = 0.1;

    public static SharpnessResult Measure(FeatureImage image, Gradients gradients, float[,]? saliency = null, double contrast = 1)
    {
        int w = image.Width, h = image.Height;
        var tiles = new double[Grid * Grid];
        var counts = new int[Grid * Grid];
        double total = 0;
        for (var y = 0; y < h; y++)
        {
            var ty = Math.Min(y * Grid / h, Grid - 1);
            for (var x = 0; x < w; x++)
            {
                var e = gradients.Energy(y * w + x);
                total += e;
                var t = ty * Grid + Math.Min(x * Grid / w, Grid - 1);
                tiles[t] += e;
                counts[t]++;
            }
        }
        for (var t = 0; t < tiles.Length; t++) tiles[t] /= Math.Max(1, counts[t]);

        var sorted = tiles.OrderByDescending(v => v).ToArray();
        var topDecile = sorted.Take(Math.Max(1, sorted.Length / 10)).Average();
        var subject = topDecile;
        if (saliency is not null)
        {
            var weighted = SaliencyWeighted(tiles, saliency);
            subject = 0.5 * topDecile + 0.5 * Math.Max(weighted, tiles.Average());
        }
        var norm = 1 / Math.Pow(Math.Max(MinContrast, contrast), 2);
        return new SharpnessResult(total / (w * h) * norm, LaplacianVariance(image) * norm, subject * norm, tiles.Select(t => t * norm).ToArray());
    }

    private static double SaliencyWeighted(double[] tiles, float[,] saliency)
    {
        int sh = saliency.GetLength(0), sw = saliency.GetLength(1);
        var weights = new double[Grid * Grid];
        for (var y = 0; y < sh; y++)
            for (var x = 0; x < sw; x++)
                weights[Math.Min(y * Grid / sh, Grid - 1) * Grid + Math.Min(x * Grid / sw, Grid - 1)] += saliency[y, x];
        var sum = weights.Sum();
        return sum <= 0 ? tiles.Average() : tiles.Select((v, i) => v * weights[i]).Sum() / sum;
    }

    /// <summary>Population variance of the 4-neighbour Laplacian (replicate borders).</summary>
    public static double LaplacianVariance(FeatureImage image)
    {
        int w = image.Width, h = image.Height;
        var l = image.Luma;
        double sum = 0, sumSq = 0;
        for (var y = 0; y < h; y++)
        {
            var ym = Math.Max(y - 1, 0) * w;
            var y0 = y * w;
            var yp = Math.Min(y + 1, h - 1) * w;
            for (var x = 0; x < w; x++)
            {
                double v = l[ym + x] + l[yp + x] + l[y0 + Math.Max(x - 1, 0)] + l[y0 + Math.Min(x + 1, w - 1)] - 4 * l[y0 + x];
                sum += v;
                sumSq += v * v;
            }
        }
        var n = (double)w * h;
        var mean = sum / n;
        return sumSq / n - mean * mean;
    }
}
