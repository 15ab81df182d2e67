using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>Preprocess decodes a RAW's embedded JPEG, oriented by the RAW's own EXIF orientation.</summary>
public sealed class RawDecodeTests : IDisposable
{
    private readonly PreprocessFixture _fx = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void A_cr2_preview_is_decoded_and_turned_upright_by_the_raws_orientation(int orientation)
    {
        // The preview stores an upright quadrant picture as the camera would for this orientation, with
        // no EXIF of its own (as in a real CR2): only the RAW's IFD0 says how to turn it.
        using var upright = TestImages.Quadrants(240, 160);
        using var stored = TestImages.StoreForOrientation(upright, orientation);
        stored.Metadata.ExifProfile = null;
        var path = _fx.Temp.File($"IMG_000{orientation}.CR2");
        File.WriteAllBytes(path, RawPreviewTests.Cr2(RawBuilder.Jpeg(0, 0, pixels: stored), RawBuilder.Jpeg(40, 30), orientation: (ushort)orientation));

        var result = _fx.Run(path);
        Assert.Equal((240, 160), (result.OriginalWidth, result.OriginalHeight));
        Assert.Contains($"embedded jpeg {stored.Width}x{stored.Height} from Raw:CR2 IFD0 StripOffsets", result.ProcessingMethod);
        Assert.Contains($"orientation {orientation}", result.ProcessingMethod);
        using var ranking = PreprocessFixture.Load(result.RankingPath);
        PixelAssert.Near(TestImages.Red, ranking[10, 10], 30, "top left");
        PixelAssert.Near(TestImages.Green, ranking[ranking.Width - 10, 10], 30, "top right");
        PixelAssert.Near(TestImages.Yellow, ranking[ranking.Width - 10, ranking.Height - 10], 30, "bottom right");
    }

    [Fact]
    public void A_cr3_and_a_raf_preprocess_through_their_previews()
    {
        var cr3 = _fx.Temp.File("IMG_0002.CR3");
        File.WriteAllBytes(cr3, RawBuilder.Cr3(RawBuilder.Jpeg(160, 120), RawBuilder.Jpeg(270, 180), RawBuilder.Jpeg(420, 280)));
        var raf = _fx.Temp.File("DSCF0002.RAF");
        File.WriteAllBytes(raf, RawBuilder.Raf(RawBuilder.Jpeg(330, 220, make: "FUJIFILM")));

        var a = _fx.Run(cr3);
        Assert.Equal((420, 280), (a.RankingWidth, a.RankingHeight));
        Assert.Contains("Raw:CR3 track 1", a.ProcessingMethod);
        var b = _fx.Run(raf);
        Assert.Equal((330, 220), (b.RankingWidth, b.RankingHeight));
        Assert.Equal((330, 220), Image.Identify(b.RankingPath) is { } info ? (info.Width, info.Height) : default);
    }

    [Fact]
    public void A_decode_running_past_the_time_limit_is_a_clean_per_file_error()
    {
        // Pixels no other test writes: an identical file preprocessed earlier would come from the cache
        // without a decode, and then no time limit could be hit.
        var path = TestImages.WriteJpeg(_fx.Temp.File("big.jpg"), 2000, 1500, seed: 90210);
        var options = new PreprocessOptions { DecodeTimeout = TimeSpan.FromTicks(1) };
        var ex = Assert.Throws<PhotoInputException>(() => _fx.Run(path, options));
        Assert.Equal(PhotoErrorIds.DecodeTimedOut, ex.ErrorId);
        Assert.Equal(PhotoProblem.LimitExceeded, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("big.jpg", ex.Message);
    }

    public void Dispose() => _fx.Dispose();
}
