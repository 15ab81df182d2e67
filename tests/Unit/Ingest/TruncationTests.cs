using System.Text;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>
/// A cut-off file (an interrupted copy) is refused at ingest, whatever the decoder would make of it:
/// lenient decoders paint the missing part grey and the photo would be scored on invented pixels.
/// </summary>
public sealed class TruncationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Half(string whole, string name)
    {
        var bytes = File.ReadAllBytes(whole);
        var path = _temp.File(name);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return path;
    }

    private static PhotoInputException Fails(string path) => Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect(path));

    [Fact]
    public void A_jpeg_cut_in_half_is_truncated()
    {
        var whole = TestImages.WriteJpeg(_temp.File("whole.jpg"), 400, 300);
        Assert.Equal(400, TestImages.Inspect(whole).Width);
        var cut = Half(whole, "cut.jpg");
        var ex = Fails(cut);
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
        Assert.Equal(PhotoProblem.InvalidData, ex.Problem);
        Assert.Equal(cut, ex.FilePath);
        Assert.Contains("cut.jpg", ex.Message);
    }

    [Fact]
    public void A_png_cut_in_half_is_truncated()
    {
        using var image = TestImages.Texture(400, 300);
        var whole = _temp.File("whole.png");
        image.SaveAsPng(whole);
        Assert.Equal("Png", TestImages.Inspect(whole).Format);
        var cut = Half(whole, "cut.png");
        var ex = Fails(cut);
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
        Assert.Equal(cut, ex.FilePath);
    }

    /// <summary>
    /// Was an engine bug (fixed). Camera JPEGs carry an embedded JPEG (EXIF thumbnail,
    /// maker-note preview) in APP1, which ends with its own EOI (FF D9). PhotoInspector.CheckNotTruncated
    /// accepts a file when FF D9 occurs anywhere in its last 256 KB, so a cut-off copy whose remaining
    /// part still holds that preview passes as complete, and Invoke-Preprocess then writes grey pixels.
    /// </summary>
    [Fact]
    public void A_cut_jpeg_is_truncated_even_when_its_exif_holds_a_preview_jpeg()
    {
        using var preview = TestImages.Texture(32, 24, 9);
        var previewBytes = new MemoryStream();
        preview.SaveAsJpeg(previewBytes);
        using var image = TestImages.Texture(400, 300, 3);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.MakerNote, previewBytes.ToArray());
        var whole = TestImages.SaveJpeg(image, _temp.File("with-preview.jpg"));
        Assert.Equal(400, TestImages.Inspect(whole).Width);

        var ex = Fails(Half(whole, "with-preview-cut.jpg"));
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
    }

    /// <summary>
    /// Was an engine bug (fixed). Motion photos (Google, Samsung) append a video of several MB
    /// after the JPEG's EOI. CheckNotTruncated only looks for FF D9 in the last 256 KB, so a complete
    /// photo with a long trailer is refused as TruncatedImage (or accepted only when the video bytes happen
    /// to contain FF D9).
    /// </summary>
    [Fact]
    public void A_complete_jpeg_with_a_long_trailer_is_not_truncated()
    {
        var photo = File.ReadAllBytes(TestImages.WriteJpeg(_temp.File("photo.jpg"), 400, 300));
        var video = new byte[] { 0, 0, 0, 24 }.Concat(Encoding.ASCII.GetBytes("ftypmp42\0\0\0\0mp42isom")).Concat(new byte[300_000]).ToArray();
        var path = _temp.File("PXL_20240914_081205.MP.jpg");
        File.WriteAllBytes(path, photo.Concat(video).ToArray());
        Assert.Equal(400, TestImages.Inspect(path).Width);
    }

    /// <summary>
    /// Was an engine bug (fixed). Only JPEG and PNG are checked for truncation; ImageSharp's
    /// BMP, GIF and WebP decoders accept a file cut in half without an error, so ingest accepts it and
    /// preprocess writes an image whose lower part was never in the file.
    /// </summary>
    [Theory]
    [InlineData("bmp")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void Other_formats_cut_in_half_are_refused(string kind)
    {
        using var image = TestImages.Texture(400, 300, 4);
        var whole = _temp.File("whole." + kind);
        switch (kind)
        {
            case "bmp": image.SaveAsBmp(whole); break;
            case "gif": image.SaveAsGif(whole); break;
            default: image.SaveAsWebp(whole); break;
        }
        Assert.Equal(400, TestImages.Inspect(whole).Width);
        var ex = Fails(Half(whole, "cut." + kind));
        Assert.Contains(ex.ErrorId, new[] { PhotoErrorIds.TruncatedImage, PhotoErrorIds.CorruptImage });
    }

    [Fact]
    public void A_tiff_cut_in_half_is_refused()
    {
        using var image = TestImages.Texture(400, 300, 4);
        var whole = _temp.File("whole.tif");
        image.SaveAsTiff(whole);
        var ex = Fails(Half(whole, "cut.tif"));
        Assert.Contains(ex.ErrorId, new[] { PhotoErrorIds.TruncatedImage, PhotoErrorIds.CorruptImage });
    }

    public void Dispose() => _temp.Dispose();
}
