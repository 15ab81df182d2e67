using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>Long edge ≤ limit, aspect kept, never upscaled (docs/architecture.md#pipeline), including after EXIF rotation.</summary>
public sealed class LongEdgeSizingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData(3000, 2000, 2048, 2048, 1365)]
    [InlineData(3000, 2000, 1024, 1024, 683)]
    [InlineData(2000, 3000, 2048, 1365, 2048)]
    [InlineData(2000, 3000, 1024, 683, 1024)]
    [InlineData(800, 600, 2048, 800, 600)]     // smaller than the limit: unchanged, never upscaled
    [InlineData(800, 600, 1024, 800, 600)]
    [InlineData(2048, 1536, 2048, 2048, 1536)] // exactly at the limit
    [InlineData(2049, 1536, 2048, 2048, 1535)] // 1535.25
    [InlineData(4000, 4000, 2048, 2048, 2048)]
    [InlineData(6000, 4000, 2048, 2048, 1365)] // 1365.33
    [InlineData(6000, 4001, 2048, 2048, 1366)] // 1365.67
    [InlineData(4096, 3, 2048, 2048, 2)]       // 1.5 rounds away from zero
    [InlineData(20000, 3, 2048, 2048, 1)]      // a panorama strip keeps at least one pixel
    [InlineData(3, 20000, 2048, 1, 2048)]
    public void Fit_long_edge(int width, int height, int limit, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), ImageSizing.FitLongEdge(width, height, limit));

    [Fact]
    public void No_size_ever_grows_and_the_aspect_ratio_is_kept_to_a_pixel()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var w = random.Next(1, 12000);
            var h = random.Next(1, 12000);
            var (fw, fh) = ImageSizing.FitLongEdge(w, h, 2048);
            Assert.True(fw <= w && fh <= h, $"{w}x{h} -> {fw}x{fh}");
            Assert.True(Math.Max(fw, fh) <= 2048);
            Assert.True(fw >= 1 && fh >= 1);
            if (Math.Max(w, h) > 2048)
            {
                Assert.Equal(2048, Math.Max(fw, fh));
                var exactShort = (double)Math.Min(w, h) * 2048 / Math.Max(w, h);
                Assert.True(Math.Abs(Math.Min(fw, fh) - Math.Max(1, exactShort)) <= 0.5 + 1e-9, $"{w}x{h} -> {fw}x{fh}");
            }
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void A_sideways_stored_portrait_is_sized_after_rotation(int orientation)
    {
        // The camera stores 3000×2000 sensor pixels; upright the photo is a 2000×3000 portrait.
        using var upright = new Image<Rgb24>(2000, 3000, new Rgb24(90, 120, 150));
        using var stored = TestImages.StoreForOrientation(upright, orientation);
        Assert.Equal((3000, 2000), (stored.Width, stored.Height));
        var path = TestImages.SaveJpeg(stored, _temp.File($"sideways{orientation}.jpg"), quality: 80);

        var result = new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions()).Process(TestImages.Inspect(path));

        Assert.Equal((2000, 3000), (result.OriginalWidth, result.OriginalHeight));
        Assert.Equal((1365, 2048), (result.RankingWidth, result.RankingHeight));
        Assert.Equal((683, 1024), (result.StandardizedWidth, result.StandardizedHeight));
        Assert.Equal("Portrait", result.Orientation);
        using var ranking = Image.Load<Rgb24>(result.RankingPath);
        using var std = Image.Load<Rgb24>(result.StandardizedPath);
        Assert.Equal((1365, 2048), (ranking.Width, ranking.Height));
        Assert.Equal((683, 1024), (std.Width, std.Height));
    }

    [Fact]
    public void Custom_limits_apply_to_both_outputs()
    {
        var path = TestImages.WriteJpeg(_temp.File("a.jpg"), 1000, 500);
        var result = new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions { RankingLongEdge = 640, StandardizedLongEdge = 320 })
            .Process(TestImages.Inspect(path));
        Assert.Equal((640, 320), (result.RankingWidth, result.RankingHeight));
        Assert.Equal((320, 160), (result.StandardizedWidth, result.StandardizedHeight));
        Assert.Contains("to 640x320 and 320x160", result.ProcessingMethod);
    }

    public void Dispose() => _temp.Dispose();
}
