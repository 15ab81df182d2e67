using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

public sealed class OrientationTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    public static TheoryData<int> Orientations => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Every_exif_orientation_comes_out_upright(int orientation)
    {
        using var upright = TestImages.Quadrants(96, 64);
        using var stored = TestImages.StoreForOrientation(upright, orientation);
        var path = TestImages.SaveJpeg(stored, _fixture.Temp.File($"o{orientation}.jpg"));

        var result = _fixture.Run(path);

        Assert.Equal((96, 64), (result.OriginalWidth, result.OriginalHeight));
        Assert.Contains($"orientation {orientation}", result.ProcessingMethod);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        Assert.Equal((96, 64), (output.Width, output.Height));
        AssertClose(TestImages.Red, output[24, 16]);
        AssertClose(TestImages.Green, output[72, 16]);
        AssertClose(TestImages.Blue, output[24, 48]);
        AssertClose(TestImages.Yellow, output[72, 48]);
    }

    private static void AssertClose(Rgb24 expected, Rgb24 actual)
    {
        const int Tolerance = 24; // JPEG colour error at quadrant centres
        Assert.True(Math.Abs(expected.R - actual.R) <= Tolerance && Math.Abs(expected.G - actual.G) <= Tolerance && Math.Abs(expected.B - actual.B) <= Tolerance,
            $"expected {expected}, got {actual}");
    }

    public void Dispose() => _fixture.Dispose();
}
