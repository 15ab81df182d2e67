using System.Globalization;
using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Models;

public sealed class BrisqueTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string Row(IEnumerable<double> values) => "[ " + string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + " ]";

    private string WriteModel(double[][] svs, double[] alpha, double rho, double[] min, double[] max) =>
        WriteModel(Directory.CreateDirectory(_temp.File("brisque")).FullName, svs, alpha, rho, min, max);

    /// <summary>An OpenCV ml::SVM file (ε-SVR, RBF) and its range file in <paramref name="dir"/>; returns the model's path.</summary>
    internal static string WriteModel(string dir, double[][] svs, double[] alpha, double rho, double[] min, double[] max)
    {
        Directory.CreateDirectory(dir);
        var model = "%YAML:1.0\n---\nopencv_ml_svm:\n   format: 3\n   svmType: EPS_SVR\n   kernel:\n      type: RBF\n      gamma: 5.0000000000000003e-02\n" +
                    "   C: 1024.\n   p: 1.0000000000000001e-01\n   term_criteria: { epsilon:1.0000000000000000e-03, iterations:1000 }\n" +
                    $"   var_count: 36\n   sv_total: {svs.Length}\n   support_vectors:\n" + string.Concat(svs.Select(s => "      - " + Row(s) + "\n")) +
                    $"   decision_functions:\n      -\n         sv_count: {svs.Length}\n         rho: {rho.ToString("R", CultureInfo.InvariantCulture)}\n         alpha: {Row(alpha)}\n";
        File.WriteAllText(Path.Combine(dir, ModelCatalog.BrisqueModelFile), model);
        File.WriteAllText(Path.Combine(dir, ModelCatalog.BrisqueRangeFile),
            "%YAML:1.0\n---\nrange: !!opencv-matrix\n   rows: 2\n   cols: 36\n   dt: f\n   data: " + Row(min.Concat(max)) + "\n");
        return Path.Combine(dir, ModelCatalog.BrisqueModelFile);
    }

    /// <summary>A small valid BRISQUE SVR (two support vectors) in <paramref name="dir"/>.</summary>
    internal static string WriteSmallModel(string dir) =>
        WriteModel(dir, new[] { new double[36], Enumerable.Repeat(0.5, 36).ToArray() }, new[] { 30.0, 20.0 }, -10,
            Enumerable.Repeat(0.0, 36).ToArray(), Enumerable.Repeat(2.0, 36).ToArray());

    [Fact]
    public void Svr_output_is_the_rbf_sum_minus_rho_on_features_scaled_to_plus_minus_one()
    {
        var min = Enumerable.Repeat(0.0, 36).ToArray();
        var max = Enumerable.Repeat(2.0, 36).ToArray();
        var sv1 = Enumerable.Repeat(0.0, 36).ToArray();
        var sv2 = Enumerable.Repeat(1.0, 36).ToArray();
        var model = BrisqueModel.Load(WriteModel(new[] { sv1, sv2 }, new[] { 30.0, 20.0 }, -10, min, max));
        var features = Enumerable.Repeat(1.0, 36).ToArray(); // scales to 0
        var expected = 30 * Math.Exp(-0.05 * 0) + 20 * Math.Exp(-0.05 * 36) + 10;
        Assert.Equal(expected, model.Predict(features), 4); // float precision, as OpenCV
    }

    [Theory]
    [InlineData(500.0, 100.0)]
    [InlineData(-500.0, 0.0)]
    public void Svr_output_is_clamped_to_0_100(double alpha, double expected)
    {
        var model = BrisqueModel.Load(WriteModel(new[] { new double[36] }, new[] { alpha }, 0, new double[36], Enumerable.Repeat(2.0, 36).ToArray()));
        Assert.Equal(expected, model.Predict(Enumerable.Repeat(1.0, 36).ToArray()));
    }

    private static float[] Samples(int n, Func<Random, double> draw)
    {
        var rng = new Random(7);
        return Enumerable.Range(0, n).Select(_ => (float)draw(rng)).ToArray();
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void Aggd_fit_recovers_the_shape_of_gaussian_and_laplacian_samples()
    {
        // A symmetric GGD has shape 2 when Gaussian and 1 when Laplacian; σl = σr.
        var (g, l, r) = BrisqueFeatures.AggdFit(Samples(200_000, Gaussian));
        Assert.InRange(g, 1.9, 2.1);
        Assert.InRange(l / r, 0.97, 1.03);
        var (lap, _, _) = BrisqueFeatures.AggdFit(Samples(200_000, rng => (rng.Next(2) == 0 ? -1 : 1) * -Math.Log(1 - rng.NextDouble())));
        Assert.InRange(lap, 0.9, 1.1);
    }

    [Fact]
    public void White_noise_gives_symmetric_isotropic_unit_variance_mscn_features()
    {
        const int w = 256, h = 256;
        var gray = Samples(w * h, rng => 0.5 + 0.1 * Gaussian(rng));
        var f = BrisqueFeatures.Compute(gray, w, h);
        Assert.Equal(BrisqueFeatures.Count, f.Length);
        // MSCN of noise: variance near 1 (the local σ normalizes it). Neighbours share the local
        // mean that was subtracted, so their products lean negative (η < 0). Isotropic noise and a
        // symmetric window: horizontal and vertical statistics alike, and both diagonals alike.
        Assert.InRange(f[1], 0.5, 1.2);
        Assert.True(f[3] < 0 && f[7] < 0, $"η_H {f[3]}, η_V {f[7]}");
        for (var k = 0; k < 4; k++)
        {
            Assert.InRange(f[2 + k] - f[6 + k], -0.1 * Math.Abs(f[2 + k]) - 0.02, 0.1 * Math.Abs(f[2 + k]) + 0.02);
            Assert.InRange(f[10 + k] - f[14 + k], -0.1 * Math.Abs(f[10 + k]) - 0.02, 0.1 * Math.Abs(f[10 + k]) + 0.02);
        }
    }

    [Fact]
    public void A_flat_image_has_no_aggd_fit_and_scores_the_worst_as_in_OpenCV()
    {
        // OpenCV: the MSCN image of a flat image has no positive or negative value, σ = 0/0 (NaN),
        // and its SVM then returns +inf, clamped to 100 (python3-opencv 4.6: 100 for gray 0, 0.5, 1).
        var f = BrisqueFeatures.Compute(Enumerable.Repeat(0.5f, 64 * 64).ToArray(), 64, 64);
        Assert.True(double.IsNaN(f[1]));
        var model = BrisqueModel.Load(WriteModel(new[] { new double[36] }, new[] { 1.0 }, 0, new double[36], Enumerable.Repeat(2.0, 36).ToArray()));
        Assert.Equal(100, model.Predict(f));
    }

    [Fact]
    public void Features_of_a_photo_are_36_finite_values()
    {
        var clean = BrisqueFeatures.Compute(TestImages.WriteJpeg(_temp.File("a.jpg"), 160, 120, 1));
        Assert.Equal(36, clean.Length);
        Assert.All(clean, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(clean[0], 0.2, 10); // γ of the MSCN fit lies on the search grid
    }

    [Fact]
    public void Features_of_the_decoded_image_are_those_of_its_file_bit_for_bit()
    {
        // The features stage hands BRISQUE the image it decoded instead of the file (one decode per photo).
        foreach (var (w, h) in new[] { (160, 120), (203, 117), (97, 131) })
        {
            var path = TestImages.WriteJpeg(_temp.File($"p{w}.jpg"), w, h, 3);
            using var image = PhotoCuration.Engine.Features.FeatureImage.Load(path);
            Assert.Equal(BrisqueFeatures.Compute(path).Select(BitConverter.DoubleToInt64Bits), BrisqueFeatures.Compute(image).Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Aggd_fit_sums_are_the_branching_loops_bit_for_bit_with_nan_and_zero_elements()
    {
        foreach (var n in new[] { 1, 3, 4, 5, 17, 10_001 })
        {
            var x = Samples(n, r => r.Next(8) switch { 0 => double.NaN, 1 => 0.0, 2 => -0.0, _ => Gaussian(r) });
            Assert.Equal(Bits(ReferenceFit(x)), Bits(BrisqueFeatures.AggdFit(x)));
        }
    }

    [Fact]
    public void Fit_of_the_shifted_products_is_that_of_the_product_image_bit_for_bit()
    {
        foreach (var (w, h) in new[] { (37, 11), (8, 5), (3, 3), (64, 9), (1, 4) })
        {
            var mscn = Samples(w * h, r => r.Next(10) == 0 ? double.NaN : Gaussian(r));
            foreach (var (dy, dx) in new[] { (0, 1), (1, 0), (1, 1), (-1, 1) })
            {
                // OpenCV's product image: zero where the shifted pixel lies outside.
                var product = new float[w * h];
                for (var y = 0; y < h; y++)
                    for (var x = 0; x < w; x++)
                    {
                        int sy = y + dy, sx = x + dx;
                        product[y * w + x] = mscn[y * w + x] * (sy >= 0 && sy < h && sx >= 0 && sx < w ? mscn[sy * w + sx] : 0f);
                    }
                Assert.Equal(Bits(ReferenceFit(product)), Bits(BrisqueFeatures.ShiftedProductFit(mscn, w, h, dy, dx)));
            }
        }
    }

    private static long[] Bits((double Gamma, double LeftSigma, double RightSigma) fit) =>
        new[] { fit.Gamma, fit.LeftSigma, fit.RightSigma }.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>OpenCV's AGGDfit sums as its loop adds them, one branch per element; γ from the engine's grid search.</summary>
    private static (double Gamma, double LeftSigma, double RightSigma) ReferenceFit(float[] x)
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
        for (var gam = 0.2; gam < 10; gam += 0.001)
        {
            var diff = Math.Abs(BrisqueFeatures.Gamma(2 / gam) * BrisqueFeatures.Gamma(2 / gam) / (BrisqueFeatures.Gamma(1 / gam) * BrisqueFeatures.Gamma(3 / gam)) - rHatNorm);
            if (diff > prevDiff) break;
            prevDiff = diff;
            prevGamma = gam;
        }
        return (prevGamma, l, r);
    }

    [Fact]
    public void Gaussian_kernel_is_OpenCVs_float_kernel_bit_for_bit()
    {
        // cv2.getGaussianKernel(7, 7/6, ktype=cv2.CV_32F) of python3-opencv 4.6, as IEEE-754 bits.
        uint[] expected = { 0x3c4dc94d, 0x3da1708e, 0x3e72fdbe, 0x3eaf6d66, 0x3e72fdbe, 0x3da1708e, 0x3c4dc94d };
        Assert.Equal(expected, BrisqueFeatures.Kernel.Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void Blur_gives_the_same_bits_eight_pixels_at_a_time_as_one_at_a_time()
    {
        foreach (var (w, h) in new[] { (37, 11), (8, 5), (10, 7), (11, 4), (64, 9), (3, 3) })
        {
            var img = Samples(w * h, r => r.NextDouble());
            var k = BrisqueFeatures.Kernel;
            var tmp = new float[w * h];
            var expected = new float[w * h];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    var s = img[y * w + Math.Clamp(x - 3, 0, w - 1)] * k[0];
                    for (var i = 1; i < 7; i++) s = MathF.FusedMultiplyAdd(img[y * w + Math.Clamp(x - 3 + i, 0, w - 1)], k[i], s);
                    tmp[y * w + x] = s;
                }
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    float At(int dy) => tmp[Math.Clamp(y + dy, 0, h - 1) * w + x];
                    var s = At(0) * k[3];
                    for (var i = 1; i <= 3; i++) s = MathF.FusedMultiplyAdd(At(i) + At(-i), k[3 + i], s);
                    expected[y * w + x] = s;
                }
            Assert.Equal(expected.Select(BitConverter.SingleToUInt32Bits), BrisqueFeatures.Blur(img, w, h).Select(BitConverter.SingleToUInt32Bits));
        }
    }

    [Theory]
    [InlineData(255, 255, 5, 227)] // the 14-bit fixed point of older OpenCV gives 226 here
    [InlineData(255, 255, 255, 255)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(10, 200, 30, 124)]
    public void Gray_is_OpenCVs_8_bit_cvtColor(byte r, byte g, byte b, int expected)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(1, 1, new SixLabors.ImageSharp.PixelFormats.Rgb24(r, g, b));
        Assert.Equal(expected * (float)(1.0 / 255.0), BrisqueFeatures.Gray(image)[0]);
    }

    [Fact]
    public void Gamma_function_matches_known_values()
    {
        Assert.Equal(1.0, BrisqueFeatures.Gamma(1), 12);
        Assert.Equal(Math.Sqrt(Math.PI), BrisqueFeatures.Gamma(0.5), 12);
        Assert.Equal(24.0, BrisqueFeatures.Gamma(5), 10);
    }

    [Fact]
    public void Range_file_missing_or_short_is_named()
    {
        var path = WriteModel(new[] { new double[36] }, new[] { 1.0 }, 0, new double[36], new double[36]);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, ModelCatalog.BrisqueRangeFile), "range: !!opencv-matrix\n data: [ 1, 2 ]\n");
        var ex = Assert.Throws<ModelValidationException>(() => BrisqueModel.Load(path));
        Assert.EndsWith(ModelCatalog.BrisqueRangeFile, ex.Path);
    }

    public void Dispose() => _temp.Dispose();
}
