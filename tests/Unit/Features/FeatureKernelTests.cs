using PhotoCuration.Engine.Features;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Features;

/// <summary>
/// The vectorized per-pixel kernels against plain per-pixel definitions, on sizes that exercise the
/// vector body, the scalar tails and the borders; and the whole extractor on images smaller than its grids.
/// </summary>
public sealed class FeatureKernelTests
{
    public static IEnumerable<object[]> Sizes() => new[] { new object[] { 1, 1 }, new object[] { 5, 3 }, new object[] { 17, 9 }, new object[] { 97, 61 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Sobel_matches_the_replicate_border_definition(int width, int height)
    {
        using var image = Noise(width, height);
        using var g = new Gradients(image);
        var l = image.Luma.ToArray();
        float L(int x, int y) => l[Math.Clamp(y, 0, height - 1) * width + Math.Clamp(x, 0, width - 1)];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var gx = (L(x + 1, y - 1) + 2 * L(x + 1, y) + L(x + 1, y + 1)) - (L(x - 1, y - 1) + 2 * L(x - 1, y) + L(x - 1, y + 1));
                var gy = (L(x - 1, y + 1) + 2 * L(x, y + 1) + L(x + 1, y + 1)) - (L(x - 1, y - 1) + 2 * L(x, y - 1) + L(x + 1, y - 1));
                var i = y * width + x;
                Assert.Equal(gx, g.Gx[i], 1e-5f);
                Assert.Equal(gy, g.Gy[i], 1e-5f);
                Assert.Equal(gx * gx + gy * gy, g.Energy[i], 1e-4f);
                Assert.Equal(MathF.Sqrt(gx * gx + gy * gy), g.Magnitude[i], 1e-4f);
            }
    }

    [Theory]
    [InlineData(97, 61, 8, 8)]
    [InlineData(1024, 683, 64, 64)]
    [InlineData(1024, 683, 9, 8)]
    [InlineData(5, 3, 32, 32)]
    public void Cell_means_match_per_pixel_cell_assignment(int width, int height, int gridWidth, int gridHeight)
    {
        var random = new Random(3);
        var plane = Enumerable.Range(0, width * height).Select(_ => (float)random.NextDouble()).ToArray();
        var sums = new double[gridWidth * gridHeight];
        var counts = new int[gridWidth * gridHeight];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var cell = y * gridHeight / height * gridWidth + x * gridWidth / width;
                sums[cell] += plane[y * width + x];
                counts[cell]++;
            }
        var means = Downsampler.CellMeans(plane, width, height, gridWidth, gridHeight);
        for (var c = 0; c < means.Length; c++) Assert.Equal(counts[c] == 0 ? 0 : sums[c] / counts[c], means[c], 1e-5);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Laplacian_variance_matches_the_definition(int width, int height)
    {
        using var image = Noise(width, height);
        var l = image.Luma.ToArray();
        float L(int x, int y) => l[Math.Clamp(y, 0, height - 1) * width + Math.Clamp(x, 0, width - 1)];
        double sum = 0, squares = 0;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                double v = L(x, y - 1) + L(x, y + 1) + L(x - 1, y) + L(x + 1, y) - 4 * L(x, y);
                sum += v;
                squares += v * v;
            }
        var n = (double)width * height;
        Assert.Equal(Math.Max(0, squares / n - sum / n * (sum / n)), Sharpness.LaplacianVariance(image), 1e-5);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Images_smaller_than_the_grids_give_finite_features(int width, int height)
    {
        using var image = Noise(width, height);
        var features = FeatureExtractor.Extract(image, null, null);
        foreach (var value in new[] { features.Sharpness, features.SubjectSharpness, features.LaplacianVariance, features.NoiseSigma, features.Colorfulness,
                     features.RuleOfThirds, features.EdgeCut, features.Balance, features.CopySpace, features.LumaMean, features.TextContrast })
        {
            Assert.True(double.IsFinite(value), $"{width}x{height}: {value}");
        }
    }

    [Fact]
    public void Extraction_is_repeatable_with_pooled_planes()
    {
        // A pooled plane comes back with the previous image's pixels: every pass must overwrite what it reads.
        using var texture = TestImages.Texture(320, 200, seed: 5);
        using var other = TestImages.Quadrants(320, 200);
        using (var first = FeatureImage.FromImage(other)) FeatureExtractor.Extract(first, null, null);
        using var a = FeatureImage.FromImage(texture);
        var once = PhotoCuration.Engine.Workspace.StageJson.Serialize(FeatureExtractor.Extract(a, null, null));
        using var b = FeatureImage.FromImage(texture);
        var again = PhotoCuration.Engine.Workspace.StageJson.Serialize(FeatureExtractor.Extract(b, null, null));
        Assert.Equal(once, again);
    }

    private static FeatureImage Noise(int width, int height)
    {
        var random = new Random(width * 31 + height);
        var rgb = new byte[width * height * 3];
        random.NextBytes(rgb);
        return new FeatureImage(width, height, rgb);
    }
}
