using System.Numerics;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// 64-bit perceptual hashes (docs/algorithms.md#perceptual-hashes). pHash follows imagededup's order and median: 32×32 image,
/// unnormalized 2-D DCT-II (y_k = 2 Σ x_n cos(πk(2n+1)/2N)), top-left 8×8, median of the 64 values
/// excluding DC, bit = coefficient ≥ median, bits row-major MSB first. Differences from imagededup:
/// our BT.709 luma and area-average downsampling instead of PIL's Lanczos, so hashes are consistent
/// within PhotoCuration but not bit-identical to imagededup's. dHash: 9×8 grid, bit = right > left.
/// </summary>
public static class PerceptualHash
{
    public static ulong PHash(FeatureImage image)
    {
        const int N = 32;
        var pixels = Downsampler.Luma(image, N, N);
        var cos = new double[8, N];
        for (var k = 0; k < 8; k++)
            for (var n = 0; n < N; n++)
                cos[k, n] = Math.Cos(Math.PI * k * (2 * n + 1) / (2.0 * N));
        // DCT along rows (only the 8 lowest frequencies are kept), then along columns.
        var rows = new double[N, 8];
        for (var y = 0; y < N; y++)
            for (var k = 0; k < 8; k++)
            {
                double acc = 0;
                for (var x = 0; x < N; x++) acc += pixels[y, x] * cos[k, x];
                rows[y, k] = 2 * acc;
            }
        var coefficients = new double[64];
        for (var ky = 0; ky < 8; ky++)
            for (var kx = 0; kx < 8; kx++)
            {
                double acc = 0;
                for (var y = 0; y < N; y++) acc += rows[y, kx] * cos[ky, y];
                coefficients[ky * 8 + kx] = 2 * acc;
            }
        var median = Median(coefficients.Skip(1).ToArray());
        ulong hash = 0;
        for (var i = 0; i < 64; i++)
        {
            if (coefficients[i] >= median) hash |= 1UL << (63 - i);
        }
        return hash;
    }

    public static ulong DHash(FeatureImage image)
    {
        var pixels = Downsampler.Luma(image, 9, 8);
        ulong hash = 0;
        var bit = 63;
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++, bit--)
                if (pixels[y, x + 1] > pixels[y, x]) hash |= 1UL << bit;
        return hash;
    }

    public static string ToHex(ulong hash) => hash.ToString("x16");

    public static ulong FromHex(string hex) => Convert.ToUInt64(hex, 16);

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }
}
