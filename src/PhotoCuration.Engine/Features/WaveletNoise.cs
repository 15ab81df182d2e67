using System.Runtime.CompilerServices;
using System.Numerics;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// Noise sigma by the wavelet median absolute deviation, reproducing
/// skimage.restoration.estimate_sigma (docs/algorithms.md#noise; Donoho &amp; Johnstone 1994 §4.2): one level of a
/// db2 DWT with pywt's 'symmetric' (half-sample) extension, the HH subband (dec_hi along rows, then
/// columns), zero coefficients dropped, σ = median(|d|) / Φ⁻¹(0.75). Input luma is scaled to 0–255,
/// so σ is in 8-bit levels. Texture inflates σ: it assumes Gaussian white noise.
/// </summary>
public static class WaveletNoise
{
    /// <summary>pywt db2 dec_hi.</summary>
    private static readonly double[] DecHi = { -0.48296291314469025, 0.836516303737469, -0.22414386804185735, -0.12940952255092145 };
    /// <summary>scipy.stats.norm.ppf(0.75).</summary>
    public const double NormPpf75 = 0.6744897501960817;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sigma(FeatureImage image)
    {
        int w = image.Width, h = image.Height;
        var hw = (w + 3) / 2;
        var hh = (h + 3) / 2;
        // Rows first (dec_hi along x) into a row-major plane; then the column pass is computed a whole
        // output row at a time, out row o = Σⱼ h[j]·rows[sym(2o + 1 − j)], which reads and writes
        // contiguous memory (vectorized) instead of gathering each column.
        using var rowsPlane = new PooledPlane<double>(hw * h);
        var rows = rowsPlane.Span;
        var row = new double[w];
        var luma = image.Luma;
        for (var y = 0; y < h; y++)
        {
            var source = luma.Slice(y * w, w);
            for (var x = 0; x < w; x++) row[x] = source[x] * 255.0;
            Downsample(row, rows.Slice(y * hw, hw));
        }
        using var detailPlane = new PooledPlane<double>(hw * hh);
        var detail = detailPlane.Span;
        detail.Clear();
        for (var o = 0; o < hh; o++)
        {
            var target = detail.Slice(o * hw, hw);
            for (var j = 0; j < DecHi.Length; j++) MultiplyAdd(rows.Slice(Symmetric(h, 2 * o + 1 - j) * hw, hw), DecHi[j], target);
        }
        // skimage drops exact zeros before the median.
        var count = 0;
        foreach (var d in detail)
        {
            if (d != 0) detail[count++] = Math.Abs(d);
        }
        if (count == 0) return 0;
        return Median(detail, count) / NormPpf75;
    }

    /// <summary>target += factor · source, vectorized.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyAdd(ReadOnlySpan<double> source, double factor, Span<double> target)
    {
        var lanes = Vector<double>.Count;
        var f = new Vector<double>(factor);
        var x = 0;
        for (; x + lanes <= target.Length; x += lanes) (new Vector<double>(target[x..]) + f * new Vector<double>(source[x..])).CopyTo(target[x..]);
        for (; x < target.Length; x++) target[x] += factor * source[x];
    }

    /// <summary>Median of the first <paramref name="count"/> values by quickselect (a full sort costs ~10× more).</summary>
    private static double Median(Span<double> values, int count)
    {
        var upper = Select(values, count, count / 2);
        if (count % 2 == 1) return upper;
        double lower = double.MinValue;
        for (var i = 0; i < count / 2; i++) lower = Math.Max(lower, values[i]);
        return 0.5 * (lower + upper);
    }

    /// <summary>Hoare quickselect: afterwards values[k] is the k-th smallest and everything before it is ≤.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Select(Span<double> a, int count, int k)
    {
        int left = 0, right = count - 1;
        while (left < right)
        {
            var pivot = a[(left + right) >>> 1];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) { (a[i], a[j]) = (a[j], a[i]); i++; j--; }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return a[k];
    }

    /// <summary>pywt downsampling convolution with dec_hi: out[o] = Σ h[j]·x_ext[i−j], i = 1, 3, 5, … &lt; N+F−1.</summary>
    public static double[] Downsample(double[] x)
    {
        var output = new double[(x.Length + 3) / 2];
        Downsample(x, output);
        return output;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Downsample(ReadOnlySpan<double> x, Span<double> output)
    {
        var n = x.Length;
        const int F = 4;
        for (int i = 1, o = 0; i < n + F - 1; i += 2, o++)
        {
            double acc;
            if (i >= F - 1 && i < n)
            {
                // Interior: no extension needed.
                acc = DecHi[0] * x[i] + DecHi[1] * x[i - 1] + DecHi[2] * x[i - 2] + DecHi[3] * x[i - 3];
            }
            else
            {
                acc = 0;
                for (var j = 0; j < F; j++) acc += DecHi[j] * x[Symmetric(n, i - j)];
            }
            output[o] = acc;
        }
    }

    /// <summary>Half-sample symmetric extension of an index: x[−1−k] = x[k], x[N+k] = x[N−1−k] (repeated for signals shorter than the filter).</summary>
    private static int Symmetric(int n, int i)
    {
        while (i < 0 || i >= n)
        {
            if (i < 0) i = -1 - i;
            if (i >= n) i = 2 * n - 1 - i;
        }
        return i;
    }
}
