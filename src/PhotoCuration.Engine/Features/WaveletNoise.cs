namespace PhotoCuration.Engine.Features;

/// <summary>
/// Noise sigma by the wavelet median absolute deviation, reproducing
/// skimage.restoration.estimate_sigma (REFERENCE 1.3; Donoho &amp; Johnstone 1994 §4.2): one level of a
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

    public static double Sigma(FeatureImage image)
    {
        int w = image.Width, h = image.Height;
        var hw = (w + 3) / 2;
        var hh = (h + 3) / 2;
        // Rows first (dec_hi along x), stored transposed so the column pass reads contiguous memory.
        var transposed = new double[hw * h];
        var row = new double[w];
        var outRow = new double[hw];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++) row[x] = image.Luma[y * w + x] * 255.0;
            Downsample(row, outRow);
            for (var x = 0; x < hw; x++) transposed[x * h + y] = outRow[x];
        }
        var coefficients = new double[hw * hh];
        var count = 0;
        var column = new double[h];
        var outColumn = new double[hh];
        for (var x = 0; x < hw; x++)
        {
            Array.Copy(transposed, x * h, column, 0, h);
            Downsample(column, outColumn);
            foreach (var d in outColumn)
            {
                if (d != 0) coefficients[count++] = Math.Abs(d);
            }
        }
        if (count == 0) return 0;
        return Median(coefficients, count) / NormPpf75;
    }

    /// <summary>Median of the first <paramref name="count"/> values by quickselect (a full sort costs ~10× more).</summary>
    private static double Median(double[] values, int count)
    {
        var upper = Select(values, count, count / 2);
        if (count % 2 == 1) return upper;
        double lower = double.MinValue;
        for (var i = 0; i < count / 2; i++) lower = Math.Max(lower, values[i]);
        return 0.5 * (lower + upper);
    }

    /// <summary>Hoare quickselect: afterwards values[k] is the k-th smallest and everything before it is ≤.</summary>
    private static double Select(double[] a, int count, int k)
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

    private static void Downsample(double[] x, double[] output)
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
                for (var j = 0; j < F; j++) acc += DecHi[j] * Symmetric(x, i - j);
            }
            output[o] = acc;
        }
    }

    /// <summary>Half-sample symmetric extension: x[−1−k] = x[k], x[N+k] = x[N−1−k].</summary>
    private static double Symmetric(double[] x, int i)
    {
        var n = x.Length;
        while (i < 0 || i >= n)
        {
            if (i < 0) i = -1 - i;
            if (i >= n) i = 2 * n - 1 - i;
        }
        return x[i];
    }
}
