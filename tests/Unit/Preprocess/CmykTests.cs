using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

public sealed class CmykTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    [Theory]
    [InlineData("cmyk-red.jpg", 220, 30, 30)]
    [InlineData("cmyk-blue.jpg", 30, 60, 200)]
    public void Cmyk_jpegs_decode_to_the_right_rgb(string fixture, int r, int g, int b)
    {
        var path = _fixture.Temp.File(fixture);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture), path);
        var result = _fixture.Run(path);
        Assert.Contains("cmyk decoded to rgb", result.ProcessingMethod);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        var p = output[24, 16];
        const int Tolerance = 30; // naive CMYK→RGB without the press profile
        Assert.True(Math.Abs(p.R - r) <= Tolerance && Math.Abs(p.G - g) <= Tolerance && Math.Abs(p.B - b) <= Tolerance, $"expected ~({r},{g},{b}), got {p}; {result.ProcessingMethod}");
    }

    public void Dispose() => _fixture.Dispose();
}
