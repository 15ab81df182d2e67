using PhotoCuration.Engine.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Models;

public sealed class ClipPreprocessorTests
{
    [Theory]
    [InlineData(1024, 683, 335)]   // int(224 · 1024 / 683) = int(335.83)
    [InlineData(683, 1024, 335)]
    [InlineData(300, 300, 224)]
    public void Shortest_side_becomes_the_size_and_the_long_side_is_truncated(int w, int h, int longSide)
    {
        var (sw, sh) = ClipPreprocessor.ScaledSize(w, h, 224, longest: false);
        var expectedLong = (int)(224.0 * Math.Max(w, h) / Math.Min(w, h));
        Assert.Equal(w >= h ? (expectedLong, 224) : (224, expectedLong), (sw, sh));
        Assert.Equal(longSide, Math.Max(sw, sh));
    }

    [Fact]
    public void Centre_crop_uses_torchvision_rounding()
    {
        Assert.Equal((56, 0), ClipPreprocessor.CropOffsets(336, 224, 224));
        Assert.Equal((0, 0), ClipPreprocessor.CropOffsets(225, 224, 224)); // round(0.5) = 0, half to even
        Assert.Equal((2, 0), ClipPreprocessor.CropOffsets(227, 224, 224)); // round(1.5) = 2
    }

    [Fact]
    public void Uniform_colour_normalizes_with_the_openai_mean_and_std()
    {
        using var image = new Image<Rgb24>(400, 300, new Rgb24(255, 128, 0));
        var tensor = new ClipPreprocessor(ClipPreprocessConfig.Default()).Process(image);
        Assert.Equal(3 * 224 * 224, tensor.Length);
        var plane = 224 * 224;
        Assert.Equal((1f - 0.48145466f) / 0.26862954f, tensor[plane / 2], 3);
        Assert.Equal((128 / 255f - 0.4578275f) / 0.26130258f, tensor[plane + plane / 2], 3);
        Assert.Equal((0f - 0.40821073f) / 0.27577711f, tensor[2 * plane + plane / 2], 3);
    }

    [Fact]
    public void Crop_keeps_the_centre_of_a_wide_image()
    {
        // Left third red, middle green, right third blue: the 224 crop of the 336-wide resize is mostly green.
        using var image = new Image<Rgb24>(672, 448);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) row[x] = x < 224 ? new Rgb24(255, 0, 0) : x < 448 ? new Rgb24(0, 255, 0) : new Rgb24(0, 0, 255);
            }
        });
        var t = new ClipPreprocessor(ClipPreprocessConfig.Default()).Process(image);
        var plane = 224 * 224;
        var centre = 112 * 224 + 112;
        Assert.True(t[plane + centre] > t[centre]);
        // Columns 0 and 223 of the crop are source columns 56 and 279 of 336: red side and blue side.
        Assert.True(t[112 * 224] > t[plane + 112 * 224]);
        Assert.True(t[2 * plane + 112 * 224 + 223] > t[plane + 112 * 224 + 223]);
    }
}
