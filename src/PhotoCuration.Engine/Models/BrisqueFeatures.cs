using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PhotoCuration.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// The 36 BRISQUE features exactly as OpenCV's <c>cv::quality::QualityBRISQUE</c> computes them
/// (docs/algorithms.md#brisque), so OpenCV's trained SVR applies and scores match OpenCV's: 8-bit
/// gray (cvtColor's 16-bit fixed-point BT.601), scaled by 1/255 in float; at two scales (the second a
/// <c>cv::resize</c> INTER_CUBIC to ⌊w/2⌋×⌊h/2⌋) the MSCN image with OpenCV's 7×7 Gaussian (σ 7/6,
/// replicate border) and C = 1/255, with NaN where the local variance rounds negative; its AGGD fit
/// [γ, (σl²+σr²)/2], then for the H, V, D1, D2 products with the zero-filled shifted image
/// [γ, η, σl², σr²]. Float32 with the same operation order (fused multiply-adds where OpenCV's AVX2
/// path uses them), because the NaN pixels depend on the sign of a rounding error.
/// </summary>
public static class BrisqueFeatures
{
    public const int Count = 36;
    private static readonly (int Dy, int Dx)[] Shifts = { (0, 1), (1, 0), (1, 1), (-1, 1) };

    // cv::getGaussianKernel(7, 7/6, CV_32F) (docs/algorithms.md#brisque); BrisqueTests derive it again.
    internal static readonly float[] Kernel = KernelOf(7.0 / 6.0);
    private const float Inv255 = (float)(1.0 / 255.0);

    public static double[] Compute(string path)
    {
        using var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, path);
        return Compute(Gray(image), image.Width, image.Height);
    }

    /// <summary>
    /// cv::cvtColor(BGR2GRAY) on 8-bit as OpenCV 4.x computes it: (R·19596 + G·38470 + B·7470 + 2¹⁵) » 16
    /// (checked against python3-opencv 4.6 on all 2²⁴ colours), then ×(1/255) in float.
    /// </summary>
    public static float[] Gray(Image<Rgb24> image)
    {
        var (w, h) = (image.Width, image.Height);
        var gray = new float[w * h];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++)
                {
                    var g = (row[x].R * 19596 + row[x].G * 38470 + row[x].B * 7470 + (1 << 15)) >> 16;
                    gray[y * w + x] = g * Inv255;
                }
            }
        });
        return gray;
    }

    public static double[] Compute(float[] gray, int width, int height)
    {
        var features = new List<double>(Count);
        Scale(gray, width, height, features);
        var (half, hw, hh) = ResizeCubic(gray, width, height, width / 2, height / 2);
        Scale(half, hw, hh, features);
        return features.ToArray();
    }

    private static void Scale(float[] img, int w, int h, List<double> features)
    {
        var mscn = Mscn(img, w, h);
        var (g, l, r) = AggdFit(mscn);
        features.Add((float)g);
        features.Add((float)((l * l + r * r) / 2));
        var product = new float[mscn.Length];
        foreach (var (dy, dx) in Shifts)
        {
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    int sy = y + dy, sx = x + dx;
                    var shifted = sy >= 0 && sy < h && sx >= 0 && sx < w ? mscn[sy * w + sx] : 0f;
                    product[y * w + x] = mscn[y * w + x] * shifted;
                }
            }
            var (gamma, ls, rs) = AggdFit(product);
            var constant = Math.Sqrt(Gamma(1 / gamma)) / Math.Sqrt(Gamma(3 / gamma));
            var eta = (rs - ls) * (Gamma(2 / gamma) / Gamma(1 / gamma)) * constant;
            features.Add((float)gamma);
            features.Add((float)eta);
            features.Add((float)(ls * ls));
            features.Add((float)(rs * rs));
        }
    }

    /// <summary>
    /// (I − μ) / (sqrt(G(I²) − μ²) + 1/255): NaN where the variance rounds negative, as OpenCV's
    /// <c>cv::pow(σ², 0.5)</c> gives; those pixels then leave the AGGD fit (see <see cref="AggdFit"/>).
    /// </summary>
    public static float[] Mscn(float[] img, int w, int h)
    {
        var mu = Blur(img, w, h);
        var sq = new float[img.Length];
        for (var i = 0; i < sq.Length; i++) sq[i] = img[i] * img[i];
        var blurredSq = Blur(sq, w, h);
        var result = new float[img.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var variance = blurredSq[i] - mu[i] * mu[i];
            var sigma = MathF.Sqrt(variance) + Inv255;
            result[i] = (img[i] - mu[i]) / sigma;
        }
        return result;
    }

    /// <summary>
    /// OpenCV's AGGDfit: σl, σr from the negative/positive squares (in double), γ from the first local
    /// minimum of |ρ(γ) − R̂| on 0.2…10 step 0.001. A NaN element is neither positive nor negative, so
    /// it leaves both sums and counts but stays in the total n, as in OpenCV. A side with no element
    /// (a flat image: 0/0) makes the fit NaN, as in OpenCV.
    /// </summary>
    public static (double Gamma, double LeftSigma, double RightSigma) AggdFit(float[] x)
    {
        double posSq = 0, negSq = 0, abs = 0;
        long pos = 0, neg = 0;
        foreach (var v in x)
        {
            double pt = v;
            if (pt > 0) { pos++; posSq += pt * pt; abs += pt; }
            else if (pt < 0) { neg++; negSq += pt * pt; abs -= pt; }
        }
        var l = Math.Sqrt(negSq / neg);
        var r = Math.Sqrt(posSq / pos);
        var gammaHat = l / r;
        var n = (double)x.Length;
        var rHat = Math.Pow(abs / n, 2) / ((negSq + posSq) / n);
        var rHatNorm = rHat * (Math.Pow(gammaHat, 3) + 1) * (gammaHat + 1) / Math.Pow(gammaHat * gammaHat + 1, 2);
        double prevGamma = 0, prevDiff = 1e10;
        var grid = RatioGrid.Value;
        for (var i = 0; i < grid.Gamma.Length; i++)
        {
            var diff = Math.Abs(grid.Ratio[i] - rHatNorm);
            if (diff > prevDiff) break;
            prevDiff = diff;
            prevGamma = grid.Gamma[i];
        }
        return (prevGamma, l, r);
    }

    /// <summary>
    /// OpenCV's search grid γ = 0.2, 0.201, … &lt; 10, the step accumulated in double as its loop does
    /// (the grid points drift alike), with ρ(γ) = Γ(2/γ)² / (Γ(1/γ)·Γ(3/γ)); computed once, as every fit
    /// walks the same grid.
    /// </summary>
    private static readonly Lazy<(double[] Gamma, double[] Ratio)> RatioGrid = new(() =>
    {
        var gammas = new List<double>();
        var ratios = new List<double>();
        for (var gam = 0.2; gam < 10; gam += 0.001)
        {
            gammas.Add(gam);
            ratios.Add(Gamma(2 / gam) * Gamma(2 / gam) / (Gamma(1 / gam) * Gamma(3 / gam)));
        }
        return (gammas.ToArray(), ratios.ToArray());
    });

    /// <summary>
    /// cv::GaussianBlur(7×7, σ 7/6, BORDER_REPLICATE) on float, separable as OpenCV runs it: rows
    /// Σ k·x as a chain of fused multiply-adds left to right, then columns k₀·c + Σ kᵢ·(below + above).
    /// Eight pixels at a time where the CPU has FMA: the same operations per pixel, so the same bits.
    /// </summary>
    internal static float[] Blur(float[] img, int w, int h)
    {
        var k = Kernel;
        var vector = Fma.IsSupported && Vector256.IsHardwareAccelerated;
        var tmp = new float[img.Length];
        for (var y = 0; y < h; y++)
        {
            var src = img.AsSpan(y * w, w);
            var dst = tmp.AsSpan(y * w, w);
            var x = 0;
            // Interior: all seven taps inside the row.
            if (vector)
            {
                for (x = 3; x + 8 + 3 <= w; x += 8)
                {
                    var s = Vector256.Create<float>(src[(x - 3)..]) * Vector256.Create(k[0]);
                    for (var i = 1; i < 7; i++) s = Fma.MultiplyAdd(Vector256.Create<float>(src[(x - 3 + i)..]), Vector256.Create(k[i]), s);
                    s.CopyTo(dst[x..]);
                }
            }
            for (var xx = 0; xx < w; xx++)
            {
                if (vector && xx >= 3 && xx < x) continue;
                var s = src[Math.Clamp(xx - 3, 0, w - 1)] * k[0];
                for (var i = 1; i < 7; i++) s = MathF.FusedMultiplyAdd(src[Math.Clamp(xx - 3 + i, 0, w - 1)], k[i], s);
                dst[xx] = s;
            }
        }
        var result = new float[img.Length];
        for (var y = 0; y < h; y++)
        {
            var c = tmp.AsSpan(y * w, w);
            ReadOnlySpan<float> u1 = tmp.AsSpan(Math.Max(y - 1, 0) * w, w), u2 = tmp.AsSpan(Math.Max(y - 2, 0) * w, w), u3 = tmp.AsSpan(Math.Max(y - 3, 0) * w, w);
            ReadOnlySpan<float> d1 = tmp.AsSpan(Math.Min(y + 1, h - 1) * w, w), d2 = tmp.AsSpan(Math.Min(y + 2, h - 1) * w, w), d3 = tmp.AsSpan(Math.Min(y + 3, h - 1) * w, w);
            var dst = result.AsSpan(y * w, w);
            var x = 0;
            if (vector)
            {
                for (; x + 8 <= w; x += 8)
                {
                    var s = Vector256.Create<float>(c[x..]) * Vector256.Create(k[3]);
                    s = Fma.MultiplyAdd(Vector256.Create<float>(d1[x..]) + Vector256.Create<float>(u1[x..]), Vector256.Create(k[4]), s);
                    s = Fma.MultiplyAdd(Vector256.Create<float>(d2[x..]) + Vector256.Create<float>(u2[x..]), Vector256.Create(k[5]), s);
                    s = Fma.MultiplyAdd(Vector256.Create<float>(d3[x..]) + Vector256.Create<float>(u3[x..]), Vector256.Create(k[6]), s);
                    s.CopyTo(dst[x..]);
                }
            }
            for (; x < w; x++)
            {
                var s = c[x] * k[3];
                s = MathF.FusedMultiplyAdd(d1[x] + u1[x], k[4], s);
                s = MathF.FusedMultiplyAdd(d2[x] + u2[x], k[5], s);
                s = MathF.FusedMultiplyAdd(d3[x] + u3[x], k[6], s);
                dst[x] = s;
            }
        }
        return result;
    }

    /// <summary>
    /// cv::resize(INTER_CUBIC) on float to an explicit size: source x = (dx + 0.5)·(w/dw) − 0.5 in
    /// float, Keys cubic a = −0.75 weights in float, replicated borders; rows summed left to right,
    /// columns from the last tap to the first (OpenCV's SIMD order) except the scalar remainder.
    /// </summary>
    internal static (float[] Data, int Width, int Height) ResizeCubic(float[] img, int w, int h, int dw, int dh)
    {
        if (dw == w && dh == h) return (img, w, h);
        var (xi, xw) = Taps(w, dw);
        var (yi, yw) = Taps(h, dh);
        var tmp = new float[dw * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < dw; x++)
            {
                var s = 0f;
                for (var j = 0; j < 4; j++) s += img[y * w + xi[x * 4 + j]] * xw[x * 4 + j];
                tmp[y * dw + x] = s;
            }
        var result = new float[dw * dh];
        // cv::resize's vertical pass is SSE2 (4 lanes) and the remainder is scalar.
        var vector = dw - dw % 4;
        for (var y = 0; y < dh; y++)
        {
            int s0 = yi[y * 4] * dw, s1 = yi[y * 4 + 1] * dw, s2 = yi[y * 4 + 2] * dw, s3 = yi[y * 4 + 3] * dw;
            float b0 = yw[y * 4], b1 = yw[y * 4 + 1], b2 = yw[y * 4 + 2], b3 = yw[y * 4 + 3];
            for (var x = 0; x < dw; x++)
            {
                float v;
                if (x < vector)
                {
                    v = tmp[s3 + x] * b3;
                    v = tmp[s2 + x] * b2 + v;
                    v = tmp[s1 + x] * b1 + v;
                    v = tmp[s0 + x] * b0 + v;
                }
                else v = tmp[s0 + x] * b0 + tmp[s1 + x] * b1 + tmp[s2 + x] * b2 + tmp[s3 + x] * b3;
                result[y * dw + x] = v;
            }
        }
        return (result, dw, dh);
    }

    private static (int[] Index, float[] Weight) Taps(int source, int dest)
    {
        var scale = 1.0 / ((double)dest / source);
        var index = new int[dest * 4];
        var weight = new float[dest * 4];
        for (var d = 0; d < dest; d++)
        {
            var f = (float)((d + 0.5) * scale - 0.5);
            var s = (int)MathF.Floor(f);
            f -= s;
            var c = CubicWeights(f);
            for (var j = 0; j < 4; j++)
            {
                index[d * 4 + j] = Math.Clamp(s - 1 + j, 0, source - 1);
                weight[d * 4 + j] = c[j];
            }
        }
        return (index, weight);
    }

    private static float[] CubicWeights(float t)
    {
        // OpenCV interpolateCubic, A = −0.75, in float.
        const float a = -0.75f;
        var w0 = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
        var w1 = ((a + 2) * t - (a + 3)) * t * t + 1;
        var w2 = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
        return new[] { w0, w1, w2, 1f - w0 - w1 - w2 };
    }

    /// <summary>OpenCV's getGaussianKernel for an odd size 7: exp(−x²/(2σ²)) at x = −3…3, normalized in double, then float.</summary>
    internal static float[] KernelOf(double sigma)
    {
        var scale = -0.125 / (sigma * sigma);
        var t = new[] { Math.Exp(36 * scale), Math.Exp(16 * scale), Math.Exp(4 * scale) };
        var inverse = 1 / (2 * (t[0] + t[1] + t[2]) + 1);
        return new[] { (float)(t[0] * inverse), (float)(t[1] * inverse), (float)(t[2] * inverse), (float)inverse, (float)(t[2] * inverse), (float)(t[1] * inverse), (float)(t[0] * inverse) };
    }

    private static readonly double[] LanczosCoefficients = { 0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7 };

    /// <summary>Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, 9 terms; ~15 significant digits).</summary>
    public static double Gamma(double x)
    {
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        var c = LanczosCoefficients;
        x -= 1;
        var s = c[0];
        for (var i = 1; i < 9; i++) s += c[i] / (x + i);
        var t = x + 7.5;
        return Math.Sqrt(2 * Math.PI) * Math.Pow(t, x + 0.5) * Math.Exp(-t) * s;
    }
}
