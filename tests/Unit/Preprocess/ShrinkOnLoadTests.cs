using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Scoring;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>
/// Camera JPEGs decoded by libvips at reduced scale: the factor, the orientation of large frames, byte
/// stability, and image quality against today's ImageSharp full decode (docs/decoders.md).
/// </summary>
public sealed class ShrinkOnLoadTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();
    private readonly ITestOutputHelper _output;

    public ShrinkOnLoadTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(6000, 4000, 2048, 2)]
    [InlineData(4000, 6000, 2048, 2)]
    [InlineData(4096, 2731, 2048, 2)]
    [InlineData(4095, 2730, 2048, 2)]   // ceil(4095 / 2) = 2048 still reaches the target
    [InlineData(4094, 2730, 2048, 1)]
    [InlineData(8192, 5461, 2048, 4)]
    [InlineData(16384, 100, 2048, 8)]
    [InlineData(40000, 100, 2048, 8)]   // 1/8 is libjpeg's smallest scale
    [InlineData(2048, 1365, 2048, 1)]
    [InlineData(640, 480, 2048, 1)]
    [InlineData(6000, 4000, 1024, 4)]
    public void The_factor_is_the_largest_that_keeps_the_target(int width, int height, int target, int expected)
    {
        var factor = ShrinkOnLoad.JpegFactor(width, height, target);
        Assert.Equal(expected, factor);
        Assert.True(ShrinkOnLoad.ScaledEdge(Math.Max(width, height), factor) >= Math.Min(target, Math.Max(width, height)));
    }

    [Fact]
    public void Libvips_loads_here()
    {
        Assert.True(VipsRuntime.IsAvailable, VipsRuntime.WhyUnavailable);
        Assert.Equal("8.18.7", VipsRuntime.Version);
    }

    public static TheoryData<int> Orientations => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    /// <summary>A 4400×2900 frame is decoded at 1/2 and reduced: every orientation still comes out upright.</summary>
    [Theory]
    [MemberData(nameof(Orientations))]
    public void Every_orientation_of_a_shrunk_frame_comes_out_upright(int orientation)
    {
        using var upright = TestImages.Quadrants(4400, 2900);
        using var stored = TestImages.StoreForOrientation(upright, orientation);
        var result = _fixture.Run(TestImages.SaveJpeg(stored, _fixture.Temp.File($"big{orientation}.jpg"), 90));

        Assert.Contains("shrink-on-load 1/2", result.ProcessingMethod);
        Assert.Contains($"orientation {orientation}", result.ProcessingMethod);
        Assert.Equal((4400, 2900), (result.OriginalWidth, result.OriginalHeight));
        Assert.Equal((2048, 1350), (result.RankingWidth, result.RankingHeight));
        Assert.Equal((1024, 675), (result.StandardizedWidth, result.StandardizedHeight));
        foreach (var (file, w, h) in new[] { (result.RankingPath, 2048, 1350), (result.StandardizedPath, 1024, 675) })
        {
            using var output = PreprocessFixture.Load(file);
            Assert.Equal((w, h), (output.Width, output.Height));
            Assert.Null(output.Metadata.ExifProfile);
            TestImages.AssertNear(TestImages.Red, output[w / 4, h / 4], 16, "top left");
            TestImages.AssertNear(TestImages.Green, output[3 * w / 4, h / 4], 16, "top right");
            TestImages.AssertNear(TestImages.Blue, output[w / 4, 3 * h / 4], 16, "bottom left");
            TestImages.AssertNear(TestImages.Yellow, output[3 * w / 4, 3 * h / 4], 16, "bottom right");
        }
    }

    [Fact]
    public void The_same_file_gives_the_same_bytes_every_time()
    {
        using var frame = CameraLikeFrame("scene:Lake", 4600, 3067);
        var path = Save(frame, "stable.jpg");
        var first = new Preprocessor(new WorkspaceLayout(_fixture.Temp.File("ws-a")), new PreprocessOptions()).Process(TestImages.Inspect(path));
        var second = new Preprocessor(new WorkspaceLayout(_fixture.Temp.File("ws-b")), new PreprocessOptions()).Process(TestImages.Inspect(path));
        Assert.Contains("shrink-on-load 1/2", first.ProcessingMethod);
        Assert.Equal(File.ReadAllBytes(first.RankingPath), File.ReadAllBytes(second.RankingPath));
        Assert.Equal(File.ReadAllBytes(first.StandardizedPath), File.ReadAllBytes(second.StandardizedPath));
    }

    public static IEnumerable<object[]> QualitySources()
    {
        // Real photographs when Debian's mate-backgrounds is installed (.ci/run installs it), and a rendered scene always.
        foreach (var name in CalibrationPhotos.Real().Take(4)) yield return new object[] { name };
        yield return new object[] { "scene:Mountains" };
    }

    /// <summary>
    /// The libvips images (decode at 1/2, Lanczos3) against today's (ImageSharp full decode, Lanczos3)
    /// on camera-like frames with sensor grain, both measured against the truth: the frame's own pixels
    /// (before JPEG) reduced with Lanczos3. The libvips images are as close to it (SSIM) and as detailed
    /// (mean |Laplacian|) as today's, for both the ranking and the standardized image. Measured: libvips'
    /// Lanczos3 from a full decode is within 0.0005 SSIM of ImageSharp's; the DCT-domain 1/2 decode costs
    /// up to 0.0105 at 2048 px (its 4×4 inverse DCTs alias some grain) and 0.0005 at 1024 px, where every
    /// feature is measured (docs/decoders.md#quality). Allowed: 0.015 and 0.002.
    /// </summary>
    [Theory]
    [MemberData(nameof(QualitySources))]
    public void Ranking_and_standardized_images_are_as_sharp_as_the_imagesharp_ones(string source)
    {
        using var frame = CameraLikeFrame(source, 5000, 3334);
        var path = Save(frame, "q.jpg");
        var photo = TestImages.Inspect(path);
        var fast = new Preprocessor(new WorkspaceLayout(_fixture.Temp.File("ws-vips")), new PreprocessOptions()).Process(photo);
        var today = new Preprocessor(new WorkspaceLayout(_fixture.Temp.File("ws-imagesharp")), new PreprocessOptions()) { UseShrinkOnLoad = false }.Process(photo);
        Assert.Contains("shrink-on-load 1/2", fast.ProcessingMethod);
        Assert.StartsWith("imagesharp", today.ProcessingMethod, StringComparison.Ordinal);

        foreach (var (name, a, b, allowed) in new[] { ("ranking", fast.RankingPath, today.RankingPath, 0.015), ("standardized", fast.StandardizedPath, today.StandardizedPath, 0.002) })
        {
            using var ours = PreprocessFixture.Load(a);
            using var theirs = PreprocessFixture.Load(b);
            using var truth = frame.Clone(c => c.Resize(ours.Width, ours.Height, KnownResamplers.Lanczos3));
            var oursToTruth = ImageSimilarity.Ssim(ours, truth);
            var theirsToTruth = ImageSimilarity.Ssim(theirs, truth);
            var between = ImageSimilarity.Ssim(ours, theirs);
            var detailRatio = ImageSimilarity.Detail(ours) / ImageSimilarity.Detail(theirs);
            _output.WriteLine($"{source} {name}: SSIM to truth libvips {oursToTruth:0.0000} imagesharp {theirsToTruth:0.0000}; between {between:0.0000}; detail libvips/imagesharp {detailRatio:0.000}");
            Assert.True(oursToTruth >= theirsToTruth - allowed, $"{name}: SSIM to the truth {oursToTruth:0.0000}, ImageSharp's {theirsToTruth:0.0000}");
            Assert.True(between >= 0.93, $"{name}: SSIM {between:0.0000} against the ImageSharp image");
            Assert.InRange(detailRatio, 0.95, 1.15);
        }
    }

    /// <summary>
    /// A camera-like frame: a photograph or rendered scene upscaled to the size with bicubic, plus
    /// luminance-dependent grain, saved as q92 4:2:0 (as bench/ makes its 24 MP data).
    /// </summary>
    private static Image<Rgb24> CameraLikeFrame(string source, int width, int height)
    {
        var image = CalibrationPhotos.Load(source);
        image.Mutate(c => c.Resize(new ResizeOptions { Size = new Size(width, height), Mode = ResizeMode.Crop, Sampler = KnownResamplers.Bicubic }));
        var random = new Random(7);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    ref var p = ref row[x];
                    var g = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2.0;
                    var sigma = 3 + 5 * Math.Sqrt(p.G / 255.0);
                    p.R = (byte)Math.Clamp((int)Math.Round(p.R + g * sigma), 0, 255);
                    p.G = (byte)Math.Clamp((int)Math.Round(p.G + g * sigma), 0, 255);
                    p.B = (byte)Math.Clamp((int)Math.Round(p.B + g * sigma), 0, 255);
                }
            }
        });
        return image;
    }

    private string Save(Image<Rgb24> frame, string name)
    {
        var path = _fixture.Temp.File(name);
        frame.SaveAsJpeg(path, new JpegEncoder { Quality = 92, ColorType = JpegColorType.YCbCrRatio420 });
        return path;
    }

    public void Dispose() => _fixture.Dispose();
}
