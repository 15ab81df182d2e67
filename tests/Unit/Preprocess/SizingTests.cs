using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>Ranking image long edge ≤ 2048, standardized 1024, aspect kept, never upscaled (docs/architecture.md#pipeline).</summary>
public sealed class SizingTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    [Theory]
    [InlineData(3000, 2000, 2048, 2048, 1365)]
    [InlineData(2000, 3000, 2048, 1365, 2048)]
    [InlineData(3000, 2000, 1024, 1024, 683)]
    [InlineData(2000, 3000, 1024, 683, 1024)]
    [InlineData(800, 600, 2048, 800, 600)]
    [InlineData(800, 600, 1024, 800, 600)]
    [InlineData(4000, 4000, 1024, 1024, 1024)]
    [InlineData(10000, 3, 1024, 1024, 1)]  // a sliver keeps at least one pixel
    [InlineData(1025, 1024, 1024, 1024, 1023)]
    public void The_long_edge_is_fitted_without_upscaling(int w, int h, int longEdge, int ew, int eh) =>
        Assert.Equal((ew, eh), ImageSizing.FitLongEdge(w, h, longEdge));

    [Theory]
    [InlineData(3000, 2000, 2048, 1365, 1024, 683)]
    [InlineData(2000, 3000, 1365, 2048, 683, 1024)]
    [InlineData(1500, 1000, 1500, 1000, 1024, 683)]
    [InlineData(800, 600, 800, 600, 800, 600)]
    public void Derived_images_have_the_recorded_sizes(int w, int h, int rw, int rh, int sw, int sh)
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File($"{w}x{h}.jpg"), w, h);
        var result = _fixture.Run(path);
        Assert.Equal((w, h), (result.OriginalWidth, result.OriginalHeight));
        Assert.Equal((rw, rh), (result.RankingWidth, result.RankingHeight));
        Assert.Equal((sw, sh), (result.StandardizedWidth, result.StandardizedHeight));
        using var ranking = PreprocessFixture.Load(result.RankingPath);
        using var std = PreprocessFixture.Load(result.StandardizedPath);
        Assert.Equal((rw, rh), (ranking.Width, ranking.Height));
        Assert.Equal((sw, sh), (std.Width, std.Height));
        Assert.Contains($"lanczos3 to {rw}x{rh} and {sw}x{sh}", result.ProcessingMethod);
    }

    [Fact]
    public void Other_long_edges_are_honoured()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("a.jpg"), 900, 600);
        var result = _fixture.Run(path, new PreprocessOptions { RankingLongEdge = 600, StandardizedLongEdge = 300 });
        Assert.Equal((600, 400), (result.RankingWidth, result.RankingHeight));
        Assert.Equal((300, 200), (result.StandardizedWidth, result.StandardizedHeight));
    }

    public void Dispose() => _fixture.Dispose();
}
