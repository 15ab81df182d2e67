using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>CMYK JPEGs (docs/architecture.md#inputs-that-must-work) decode to the right RGB. Fixtures made with ImageMagick: see Fixtures/README.md.</summary>
public sealed class CmykTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    private string Fixture(string name)
    {
        var path = _fixture.Temp.File(name);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", name), path);
        return path;
    }

    [Theory]
    [InlineData("cmyk-red.jpg")]
    [InlineData("cmyk-blue.jpg")]
    public void The_fixtures_really_are_four_component_jpegs(string name) =>
        Assert.Equal(4, JpegHeader.ComponentCount(File.ReadAllBytes(Fixture(name))));

    [Fact]
    public void A_three_component_jpeg_is_not_taken_for_cmyk() =>
        Assert.Equal(3, JpegHeader.ComponentCount(TestImages.JpegBytes(16, 16)));

    [Fact]
    public void Cmyk_red_decodes_reddish()
    {
        var result = _fixture.Run(Fixture("cmyk-red.jpg"));
        Assert.Contains("cmyk decoded to rgb", result.ProcessingMethod);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        var p = output[24, 16];
        Assert.True(p.R > 200 && p.G < 60 && p.B < 60, $"expected reddish, got {p}");
    }

    [Fact]
    public void Cmyk_blue_decodes_to_its_rgb()
    {
        var result = _fixture.Run(Fixture("cmyk-blue.jpg"));
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        // Naive CMYK→RGB without the press profile: within 30 of the RGB the fixture was made from.
        TestImages.AssertNear(new Rgb24(30, 60, 200), output[24, 16], 30, result.ProcessingMethod);
    }

    public void Dispose() => _fixture.Dispose();
}
