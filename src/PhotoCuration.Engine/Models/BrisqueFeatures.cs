using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PhotoCuration.Engine.Features;
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
/// The per-pixel kernels work in pooled planes and are jitted optimized from the first photo (as the
/// features' kernels, <see cref="FeatureExtractor"/>): they run a few times per photo.
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
    /// The features of an image already decoded for the features stage: its RGB plane is what
    /// <see cref="Compute(string)"/> decodes from the same file (one decode per photo,
    /// docs/architecture.md#one-read-one-decode), so the features are the same bits.
    /// </summary>
    public static double[] Compute(FeatureImage image)
    {
        using var gray = new PooledPlane<float>(image.PixelCount);
        Gray(image.Rgb, gray.Span);
        return Compute(gray.Span, image.Width, image.Height);
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
            for (var y = 0; y < h; y++) Gray(MemoryMarshal.AsBytes(rows.GetRowSpan(y)), gray.AsSpan(y * w, w));
        });
        return gray;
    }

    /// <summary>The gray of packed RGB bytes (see <see cref="Gray(Image{Rgb24})"/>), one value per pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gray(ReadOnlySpan<byte> rgb, Span<float> gray)
    {
        for (int i = 0, j = 0; i < gray.Length; i++, j += 3)
        {
            var g = (rgb[j] * 19596 + rgb[j + 1] * 38470 + rgb[j + 2] * 7470 + (1 << 15)) >> 16;
            gray[i] = g * Inv255;
        }
    }

    public static double[] Compute(float[] gray, int width, int height) => Compute((ReadOnlySpan<float>)gray, width, height);

    private static double[] Compute(ReadOnlySpan<float> gray, int width, int height)
    {
        var features = new List<double>(Count);
        Scale(gray, width, height, features);
        var (hw, hh) = (width / 2, height / 2);
        if (hw == width && hh == height)
        {
            Scale(gray, width, height, features);
        }
        else
        {
            using var half = new PooledPlane<float>(hw * hh);
            ResizeCubic(gray, width, height, hw, hh, half.Span);
            Scale(half.Span, hw, hh, features);
        }
        return features.ToArray();
    }

    /// <summary>
    /// The features of one scale. The products with the shifted image are not stored: each row's products
    /// go straight into the fit's sums, in the order the product image would be read (elements outside the
    /// image are zero and add nothing), so the sums are the same bits.
    /// </summary>
    private static void Scale(ReadOnlySpan<float> img, int w, int h, List<double> features)
    {
        using var mscnPlane = new PooledPlane<float>(w * h);
        var mscn = mscnPlane.Span;
        Mscn(img, w, h, mscn);
        var (g, l, r) = AggdFit(mscn);
        features.Add((float)g);
        features.Add((float)((l * l + r * r) / 2));
        foreach (var (dy, dx) in Shifts)
        {
            var (gamma, ls, rs) = ShiftedProductFit(mscn, w, h, dy, dx);
            var constant = Math.Sqrt(Gamma(1 / gamma)) / Math.Sqrt(Gamma(3 / gamma));
            var eta = (rs - ls) * (Gamma(2 / gamma) / Gamma(1 / gamma)) * constant;
            features.Add((float)gamma);
            features.Add((float)eta);
            features.Add((float)(ls * ls));
            features.Add((float)(rs * rs));
        }
    }

    /// <summary>
    /// The AGGD fit of the product image m(y, x)·m(y + dy, x + dx), zero where the shifted pixel is outside
    /// the image (0 ≤ dx), without holding the product image: each row's products go straight into the
    /// sums, in the order the product image would be read, and the zeros add nothing.
    /// </summary>
    internal static (double Gamma, double LeftSigma, double RightSigma) ShiftedProductFit(ReadOnlySpan<float> mscn, int w, int h, int dy, int dx)
    {
        var sums = new AggdSums();
        for (var y = Math.Max(0, -dy); y < Math.Min(h, h - dy); y++)
        {
            sums.AddProducts(mscn.Slice(y * w, w - dx), mscn.Slice((y + dy) * w + dx, w - dx));
        }
        return sums.Fit((long)w * h);
    }

    /// <summary>
    /// (I − μ) / (sqrt(G(I²) − μ²) + 1/255): NaN where the variance rounds negative, as OpenCV's
    /// <c>cv::pow(σ², 0.5)</c> gives; those pixels then leave the AGGD fit (see <see cref="AggdFit(float[])"/>).
    /// </summary>
    public static float[] Mscn(float[] img, int w, int h)
    {
        var result = new float[img.Length];
        Mscn(img, w, h, result);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Mscn(ReadOnlySpan<float> img, int w, int h, Span<float> result)
    {
        using var muPlane = new PooledPlane<float>(img.Length);
        using var sqPlane = new PooledPlane<float>(img.Length);
        var mu = muPlane.Span;
        var blurredSq = sqPlane.Span;
        Blur(img, w, h, mu, square: false);
        Blur(img, w, h, blurredSq, square: true);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The same IEEE operations per lane as the scalar loop (no fused multiply-add), so the same bits.
            var inv = Vector256.Create(Inv255);
            for (; i + 8 <= result.Length; i += 8)
            {
                var m = Vector256.Create<float>(mu[i..]);
                var sigma = Vector256.Sqrt(Vector256.Create<float>(blurredSq[i..]) - m * m) + inv;
                ((Vector256.Create<float>(img[i..]) - m) / sigma).CopyTo(result[i..]);
            }
        }
        for (; i < result.Length; i++)
        {
            var variance = blurredSq[i] - mu[i] * mu[i];
            var sigma = MathF.Sqrt(variance) + Inv255;
            result[i] = (img[i] - mu[i]) / sigma;
        }
    }

    /// <summary>
    /// OpenCV's AGGDfit: σl, σr from the negative/positive squares (in double), γ from the first local
    /// minimum of |ρ(γ) − R̂| on 0.2…10 step 0.001. A NaN element is neither positive nor negative, so
    /// it leaves both sums and counts but stays in the total n, as in OpenCV. A side with no element
    /// (a flat image: 0/0) makes the fit NaN, as in OpenCV.
    /// </summary>
    public static (double Gamma, double LeftSigma, double RightSigma) AggdFit(float[] x) => AggdFit((ReadOnlySpan<float>)x);

    private static (double Gamma, double LeftSigma, double RightSigma) AggdFit(ReadOnlySpan<float> x)
    {
        var sums = new AggdSums();
        sums.Add(x);
        return sums.Fit(x.Length);
    }

    /// <summary>
    /// The sums of an AGGD fit, added element by element in order. Each element adds its square to the
    /// positive or the negative sum and its magnitude to the absolute sum, and +0 to the others: adding +0
    /// to a sum that is +0 or more leaves it as it was, so the sums are those of OpenCV's branching loop,
    /// bit for bit, without a branch on the sign (random in an MSCN image, so mispredicted half the time).
    /// </summary>
    private struct AggdSums
    {
        private double _posSq, _negSq, _abs;
        private long _pos, _neg;

        public void Add(ReadOnlySpan<float> x) => AddProducts(x, default);

        /// <summary>Adds a[i]·b[i] (a float product, as the product image holds) for each i; a alone when b is empty.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddProducts(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            // Locals, not the fields, carry the sums through the loop (a field would go through memory on every add).
            double posSq = _posSq, negSq = _negSq, abs = _abs;
            long pos = _pos, neg = _neg;
            var products = !b.IsEmpty;
            var i = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                for (; i + 4 <= a.Length; i += 4)
                {
                    var v = Vector128.Create<float>(a[i..]);
                    if (products) v *= Vector128.Create<float>(b[i..]);
                    var (lo, hi) = Vector128.Widen(v);
                    for (var half = 0; half < 2; half++)
                    {
                        var pt = half == 0 ? lo : hi;
                        var positive = Vector128.GreaterThan(pt, Vector128<double>.Zero);
                        var negative = Vector128.LessThan(pt, Vector128<double>.Zero);
                        var square = pt * pt;
                        var ps = square & positive;
                        var ns = square & negative;
                        // +pt for a positive element, 0 − pt = −pt for a negative one (what `abs -= pt` adds), +0 otherwise.
                        var magnitude = (pt & positive) - (pt & negative);
                        pos += BitOperations.PopCount(positive.ExtractMostSignificantBits());
                        neg += BitOperations.PopCount(negative.ExtractMostSignificantBits());
                        posSq += ps.GetElement(0);
                        posSq += ps.GetElement(1);
                        negSq += ns.GetElement(0);
                        negSq += ns.GetElement(1);
                        abs += magnitude.GetElement(0);
                        abs += magnitude.GetElement(1);
                    }
                }
            }
            for (; i < a.Length; i++)
            {
                double pt = products ? a[i] * b[i] : a[i];
                if (pt > 0) { pos++; posSq += pt * pt; abs += pt; }
                else if (pt < 0) { neg++; negSq += pt * pt; abs -= pt; }
            }
            (_posSq, _negSq, _abs, _pos, _neg) = (posSq, negSq, abs, pos, neg);
        }

        /// <summary>The fit of the elements added, of <paramref name="total"/> in all (NaN and zero elements count in R̂'s n).</summary>
        public readonly (double Gamma, double LeftSigma, double RightSigma) Fit(long total)
        {
            var l = Math.Sqrt(_negSq / _neg);
            var r = Math.Sqrt(_posSq / _pos);
            var gammaHat = l / r;
            var n = (double)total;
            var rHat = Math.Pow(_abs / n, 2) / ((_negSq + _posSq) / n);
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
        var result = new float[img.Length];
        Blur(img, w, h, result, square: false);
        return result;
    }

    /// <summary>The blur of <paramref name="img"/>, or of its square (each value times itself in float, as an I² image holds) when <paramref name="square"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blur(ReadOnlySpan<float> img, int w, int h, Span<float> result, bool square)
    {
        var k = Kernel;
        var vector = Fma.IsSupported && Vector256.IsHardwareAccelerated;
        using var tmpPlane = new PooledPlane<float>(img.Length);
        using var squareRow = new PooledPlane<float>(square ? w : 0);
        var tmp = tmpPlane.Span;
        for (var y = 0; y < h; y++)
        {
            var src = img.Slice(y * w, w);
            if (square)
            {
                var squared = squareRow.Span;
                for (var i = 0; i < w; i++) squared[i] = src[i] * src[i];
                src = squared;
            }
            var dst = tmp.Slice(y * w, w);
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
        for (var y = 0; y < h; y++)
        {
            ReadOnlySpan<float> c = tmp.Slice(y * w, w);
            ReadOnlySpan<float> u1 = tmp.Slice(Math.Max(y - 1, 0) * w, w), u2 = tmp.Slice(Math.Max(y - 2, 0) * w, w), u3 = tmp.Slice(Math.Max(y - 3, 0) * w, w);
            ReadOnlySpan<float> d1 = tmp.Slice(Math.Min(y + 1, h - 1) * w, w), d2 = tmp.Slice(Math.Min(y + 2, h - 1) * w, w), d3 = tmp.Slice(Math.Min(y + 3, h - 1) * w, w);
            var dst = result.Slice(y * w, w);
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
    }

    /// <summary>
    /// cv::resize(INTER_CUBIC) on float to an explicit size: source x = (dx + 0.5)·(w/dw) − 0.5 in
    /// float, Keys cubic a = −0.75 weights in float, replicated borders; rows summed left to right,
    /// columns from the last tap to the first (OpenCV's SIMD order) except the scalar remainder.
    /// </summary>
    internal static (float[] Data, int Width, int Height) ResizeCubic(float[] img, int w, int h, int dw, int dh)
    {
        if (dw == w && dh == h) return (img, w, h);
        var result = new float[dw * dh];
        ResizeCubic(img, w, h, dw, dh, result);
        return (result, dw, dh);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResizeCubic(ReadOnlySpan<float> img, int w, int h, int dw, int dh, Span<float> result)
    {
        var (xi, xw) = Taps(w, dw);
        var (yi, yw) = Taps(h, dh);
        using var tmpPlane = new PooledPlane<float>(dw * h);
        var tmp = tmpPlane.Span;
        for (var y = 0; y < h; y++)
        {
            var row = img.Slice(y * w, w);
            var dst = tmp.Slice(y * dw, dw);
            for (var x = 0; x < dw; x++)
            {
                var s = 0f;
                for (var j = 0; j < 4; j++) s += row[xi[x * 4 + j]] * xw[x * 4 + j];
                dst[x] = s;
            }
        }
        // cv::resize's vertical pass is SSE2 (4 lanes) and the remainder is scalar.
        var vector = dw - dw % 4;
        for (var y = 0; y < dh; y++)
        {
            ReadOnlySpan<float> t0 = tmp.Slice(yi[y * 4] * dw, dw), t1 = tmp.Slice(yi[y * 4 + 1] * dw, dw), t2 = tmp.Slice(yi[y * 4 + 2] * dw, dw), t3 = tmp.Slice(yi[y * 4 + 3] * dw, dw);
            float b0 = yw[y * 4], b1 = yw[y * 4 + 1], b2 = yw[y * 4 + 2], b3 = yw[y * 4 + 3];
            var dst = result.Slice(y * dw, dw);
            var x = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                // The same multiplies and adds per lane as the scalar lines below (no fused multiply-add).
                for (; x < vector; x += 4)
                {
                    var v = Vector128.Create<float>(t3[x..]) * b3;
                    v = Vector128.Create<float>(t2[x..]) * b2 + v;
                    v = Vector128.Create<float>(t1[x..]) * b1 + v;
                    v = Vector128.Create<float>(t0[x..]) * b0 + v;
                    v.CopyTo(dst[x..]);
                }
            }
            for (; x < dw; x++)
            {
                float v;
                if (x < vector)
                {
                    v = t3[x] * b3;
                    v = t2[x] * b2 + v;
                    v = t1[x] * b1 + v;
                    v = t0[x] * b0 + v;
                }
                else v = t0[x] * b0 + t1[x] * b1 + t2[x] * b2 + t3[x] * b3;
                dst[x] = v;
            }
        }
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
