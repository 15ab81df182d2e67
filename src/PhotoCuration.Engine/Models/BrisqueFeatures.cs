using PhotoCuration.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// The 36 BRISQUE features as OpenCV computes them (REFERENCE 1.4; opencv_contrib
/// modules/quality/src/qualitybrisque.cpp), so OpenCV's trained SVR applies: gray in [0,1]; at two
/// scales (the second a ½ INTER_CUBIC resize) the MSCN image with a 7×7 Gaussian (σ 7/6, replicate
/// border) and C = 1/255; its AGGD fit [γ, (σl²+σr²)/2], then for the H, V, D1, D2 products with the
/// zero-filled shifted image [γ, η, σl², σr²].
/// </summary>
public static class BrisqueFeatures
{
    public const int Count = 36;
    private static readonly (int Dy, int Dx)[] Shifts = { (0, 1), (1, 0), (1, 1), (-1, 1) };

    public static double[] Compute(string path)
    {
        using var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, path);
        var (w, h) = (image.Width, image.Height);
        var gray = new float[w * h];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                // cv::cvtColor BGR2GRAY weights (BT.601).
                for (var x = 0; x < w; x++) gray[y * w + x] = (0.299f * row[x].R + 0.587f * row[x].G + 0.114f * row[x].B) / 255f;
            }
        });
        return Compute(gray, w, h);
    }

    public static double[] Compute(float[] gray, int width, int height)
    {
        var features = new List<double>(Count);
        Scale(gray, width, height, features);
        var (half, hw, hh) = HalfCubic(gray, width, height);
        Scale(half, hw, hh, features);
        return features.ToArray();
    }

    private static void Scale(float[] img, int w, int h, List<double> features)
    {
        var mscn = Mscn(img, w, h);
        var (g, l, r) = AggdFit(mscn);
        features.Add(g);
        features.Add((l * l + r * r) / 2);
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
            features.Add(gamma);
            features.Add(eta);
            features.Add(ls * ls);
            features.Add(rs * rs);
        }
    }

    /// <summary>(I − μ) / (sqrt|G(I²) − μ²| + 1/255).</summary>
    public static float[] Mscn(float[] img, int w, int h)
    {
        var mu = Blur(img, w, h);
        var sq = new float[img.Length];
        for (var i = 0; i < sq.Length; i++) sq[i] = img[i] * img[i];
        var muSq = Blur(sq, w, h);
        var result = new float[img.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var sigma = MathF.Sqrt(MathF.Abs(muSq[i] - mu[i] * mu[i]));
            result[i] = (img[i] - mu[i]) / (sigma + 1f / 255f);
        }
        return result;
    }

    /// <summary>OpenCV AGGDfit: σl, σr from the negative/positive squares, γ from the first local minimum of |ρ(γ) − R̂| on 0.2…10 step 0.001.</summary>
    public static (double Gamma, double LeftSigma, double RightSigma) AggdFit(float[] x)
    {
        double posSq = 0, negSq = 0, abs = 0;
        long pos = 0, neg = 0;
        foreach (var v in x)
        {
            if (v > 0) { pos++; posSq += (double)v * v; abs += v; }
            else if (v < 0) { neg++; negSq += (double)v * v; abs -= v; }
        }
        var l = neg > 0 ? Math.Sqrt(negSq / neg) : 0;
        var r = pos > 0 ? Math.Sqrt(posSq / pos) : 0;
        var gammaHat = r > 0 ? l / r : 0;
        var n = (double)x.Length;
        var rHat = (negSq + posSq) > 0 ? Math.Pow(abs / n, 2) / ((negSq + posSq) / n) : 0;
        var rHatNorm = rHat * (Math.Pow(gammaHat, 3) + 1) * (gammaHat + 1) / Math.Pow(gammaHat * gammaHat + 1, 2);
        double prevGamma = 0, prevDiff = 1e10;
        for (var step = 0; ; step++)
        {
            var gam = 0.2 + step * 0.001;
            if (gam >= 10) break;
            var rGam = Math.Pow(Gamma(2 / gam), 2) / (Gamma(1 / gam) * Gamma(3 / gam));
            var diff = Math.Abs(rGam - rHatNorm);
            if (diff > prevDiff) break;
            prevDiff = diff;
            prevGamma = gam;
        }
        return (prevGamma, l, r);
    }

    private static float[] Blur(float[] img, int w, int h)
    {
        // 7×7 Gaussian, σ = 7/6, normalized (cv::GaussianBlur with BORDER_REPLICATE), separable.
        const int radius = 3;
        var sigma = 7.0 / 6.0;
        var k = new float[2 * radius + 1];
        double sum = 0;
        for (var i = -radius; i <= radius; i++) sum += k[i + radius] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
        for (var i = 0; i < k.Length; i++) k[i] = (float)(k[i] / sum);
        var tmp = new float[img.Length];
        var result = new float[img.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                float s = 0;
                for (var i = -radius; i <= radius; i++) s += k[i + radius] * img[y * w + Math.Clamp(x + i, 0, w - 1)];
                tmp[y * w + x] = s;
            }
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                float s = 0;
                for (var i = -radius; i <= radius; i++) s += k[i + radius] * tmp[Math.Clamp(y + i, 0, h - 1) * w + x];
                result[y * w + x] = s;
            }
        return result;
    }

    /// <summary>cv::resize(fx = fy = 0.5, INTER_CUBIC): source x = 2·dx + 0.5, Keys cubic a = −0.75, clamped borders.</summary>
    private static (float[] Data, int Width, int Height) HalfCubic(float[] img, int w, int h)
    {
        int hw = Math.Max(1, (int)Math.Round(w * 0.5)), hh = Math.Max(1, (int)Math.Round(h * 0.5));
        var wts = CubicWeights(0.5);
        var tmp = new float[hw * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < hw; x++)
            {
                float s = 0;
                for (var i = 0; i < 4; i++) s += wts[i] * img[y * w + Math.Clamp(2 * x - 1 + i, 0, w - 1)];
                tmp[y * hw + x] = s;
            }
        var result = new float[hw * hh];
        for (var y = 0; y < hh; y++)
            for (var x = 0; x < hw; x++)
            {
                float s = 0;
                for (var i = 0; i < 4; i++) s += wts[i] * tmp[Math.Clamp(2 * y - 1 + i, 0, h - 1) * hw + x];
                result[y * hw + x] = s;
            }
        return (result, hw, hh);
    }

    private static float[] CubicWeights(double t)
    {
        // OpenCV interpolateCubic, A = −0.75.
        const double a = -0.75;
        var w0 = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
        var w1 = ((a + 2) * t - (a + 3)) * t * t + 1;
        var w2 = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
        return new[] { (float)w0, (float)w1, (float)w2, (float)(1 - w0 - w1 - w2) };
    }

    /// <summary>Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, 9 terms; ~15 significant digits).</summary>
    public static double Gamma(double x)
    {
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        double[] c = { 0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7 };
        x -= 1;
        var s = c[0];
        for (var i = 1; i < 9; i++) s += c[i] / (x + i);
        var t = x + 7.5;
        return Math.Sqrt(2 * Math.PI) * Math.Pow(t, x + 0.5) * Math.Exp(-t) * s;
    }
}
