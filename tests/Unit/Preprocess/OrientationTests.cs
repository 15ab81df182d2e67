using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>EXIF orientations 1–8 come out upright (docs/architecture.md#inputs-that-must-work), checked on pixels, not on metadata.</summary>
public sealed class OrientationTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    public static TheoryData<int> Orientations => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Every_exif_orientation_comes_out_upright(int orientation)
    {
        using var upright = TestImages.Quadrants(64, 48);
        using var stored = TestImages.StoreForOrientation(upright, orientation);
        var path = TestImages.SaveJpeg(stored, _fixture.Temp.File($"o{orientation}.jpg"));
        var photo = TestImages.Inspect(path);
        Assert.Equal(orientation, photo.Exif.Orientation);
        Assert.Equal(orientation >= 5 ? (48, 64) : (64, 48), (photo.Width, photo.Height)); // as stored

        var result = _fixture.Run(photo);

        Assert.Equal((64, 48), (result.OriginalWidth, result.OriginalHeight));
        Assert.Equal((64, 48), (result.RankingWidth, result.RankingHeight));
        Assert.Equal((64, 48), (result.StandardizedWidth, result.StandardizedHeight));
        Assert.Equal("Landscape", result.Orientation);
        Assert.Contains($"orientation {orientation}", result.ProcessingMethod);
        foreach (var file in new[] { result.StandardizedPath, result.RankingPath })
        {
            using var output = PreprocessFixture.Load(file);
            Assert.Equal((64, 48), (output.Width, output.Height));
            Assert.Null(output.Metadata.ExifProfile); // no orientation tag left to apply twice
            const int Tolerance = 24; // JPEG error at quadrant centres
            TestImages.AssertNear(TestImages.Red, output[16, 12], Tolerance, "top left");
            TestImages.AssertNear(TestImages.Green, output[48, 12], Tolerance, "top right");
            TestImages.AssertNear(TestImages.Blue, output[16, 36], Tolerance, "bottom left");
            TestImages.AssertNear(TestImages.Yellow, output[48, 36], Tolerance, "bottom right");
        }
    }

    [Fact]
    public void A_portrait_held_camera_frame_is_portrait_after_orientation()
    {
        using var upright = TestImages.Quadrants(48, 64);
        using var stored = TestImages.StoreForOrientation(upright, 6);
        var result = _fixture.Run(TestImages.SaveJpeg(stored, _fixture.Temp.File("portrait.jpg")));
        Assert.Equal((48, 64), (result.OriginalWidth, result.OriginalHeight));
        Assert.Equal("Portrait", result.Orientation);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        TestImages.AssertNear(TestImages.Red, output[12, 16], 24);
        TestImages.AssertNear(TestImages.Yellow, output[36, 48], 24);
    }

    public void Dispose() => _fixture.Dispose();
}
