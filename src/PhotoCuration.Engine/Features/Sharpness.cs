using System.Runtime.CompilerServices;
using System.Numerics;

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
/// (docs/algorithms.md#sharpness, heuristic). Tenengrad grows with the square of contrast, so it is divided by
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
        var tiles = Downsampler.CellMeans(gradients.Energy, w, h, Grid, Grid);
        double total = 0;
        for (var y = 0; y < h; y++) total += SpanMath.Sum(gradients.Energy.Slice(y * w, w));
        // On images under 8 px some tiles hold no pixel (0); they still count as tiles, as before.
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

    /// <summary>Population variance of the 4-neighbour Laplacian (replicate borders), one vectorized row at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LaplacianVariance(FeatureImage image)
    {
        int w = image.Width, h = image.Height;
        var l = image.Luma;
        var response = new float[w];
        double sum = 0, sumSq = 0;
        for (var y = 0; y < h; y++)
        {
            LaplacianRow(l.Slice(Math.Max(y - 1, 0) * w, w), l.Slice(y * w, w), l.Slice(Math.Min(y + 1, h - 1) * w, w), response);
            var (s, q) = SpanMath.SumAndSquares(response);
            sum += s;
            sumSq += q;
        }
        var n = (double)w * h;
        var mean = sum / n;
        return Math.Max(0, sumSq / n - mean * mean);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LaplacianRow(ReadOnlySpan<float> above, ReadOnlySpan<float> row, ReadOnlySpan<float> below, Span<float> response)
    {
        var width = row.Length;
        var lanes = Vector<float>.Count;
        var four = new Vector<float>(4f);
        var x = 1;
        for (; x + lanes <= width - 1; x += lanes)
        {
            var v = new Vector<float>(above[x..]) + new Vector<float>(below[x..])
                  + new Vector<float>(row[(x - 1)..]) + new Vector<float>(row[(x + 1)..])
                  - four * new Vector<float>(row[x..]);
            v.CopyTo(response[x..]);
        }
        response[0] = LaplacianAt(above, row, below, 0);
        for (; x < width; x++) response[x] = LaplacianAt(above, row, below, x);
    }

    private static float LaplacianAt(ReadOnlySpan<float> above, ReadOnlySpan<float> row, ReadOnlySpan<float> below, int x)
    {
        var width = row.Length;
        return above[x] + below[x] + row[Math.Max(x - 1, 0)] + row[Math.Min(x + 1, width - 1)] - 4 * row[x];
    }
}
