using System.Security.Cryptography;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

public sealed class PhotoInspectorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private PhotoInputException Fails(string path, double maxMegapixels = 250) =>
        Assert.Throws<PhotoInputException>(() => new PhotoInspector(maxMegapixels).Inspect(path));

    [Fact]
    public void A_jpeg_gets_its_sha256_id_size_and_format()
    {
        var path = TestImages.WriteJpeg(_temp.File("a.jpg"), 320, 200);
        var photo = TestImages.Inspect(path);
        Assert.Equal("sha256:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant(), photo.PhotoId);
        Assert.Equal((320, 200), (photo.Width, photo.Height));
        Assert.Equal("Jpeg", photo.Format);
        Assert.Equal("a.jpg", photo.FileName);
        Assert.Equal(new FileInfo(path).Length, photo.FileSize);
    }

    [Fact]
    public void A_png_named_jpg_is_accepted_as_png()
    {
        using var image = TestImages.Texture(40, 30);
        var path = _temp.File("really-a-png.jpg");
        image.SaveAsPng(path);
        Assert.Equal("Png", TestImages.Inspect(path).Format);
    }

    [Fact]
    public void Text_named_jpg_is_not_an_image()
    {
        var path = _temp.File("notes.jpg");
        File.WriteAllText(path, "shopping list");
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.NotAnImage, ex.ErrorId);
        Assert.Equal(PhotoProblem.InvalidData, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("notes.jpg", ex.Message);
    }

    [Fact]
    public void Empty_missing_and_folder_inputs_have_their_own_ids()
    {
        var empty = _temp.File("empty.jpg");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        Assert.Equal(PhotoErrorIds.EmptyFile, Fails(empty).ErrorId);
        Assert.Equal(PhotoErrorIds.FileNotFound, Fails(_temp.File("missing.jpg")).ErrorId);
        var folder = _temp.File("folder.jpg");
        Directory.CreateDirectory(folder);
        var ex = Fails(folder);
        Assert.Equal(PhotoErrorIds.NotAFile, ex.ErrorId);
        Assert.Equal(PhotoProblem.NotAFile, ex.Problem);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public void A_cut_off_file_is_truncated(string kind)
    {
        using var image = TestImages.Texture(400, 300);
        var whole = _temp.File("whole." + kind);
        if (kind == "jpg") TestImages.SaveJpeg(image, whole); else image.SaveAsPng(whole);
        var bytes = File.ReadAllBytes(whole);
        var cut = _temp.File("cut." + kind);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        Assert.Equal(PhotoErrorIds.TruncatedImage, Fails(cut).ErrorId);
    }

    [Fact]
    public void Padding_after_the_jpeg_end_marker_is_allowed()
    {
        var path = TestImages.WriteJpeg(_temp.File("padded.jpg"));
        File.AppendAllText(path, new string('\0', 500));
        Assert.Equal("Jpeg", TestImages.Inspect(path).Format);
    }

    [Fact]
    public void An_image_over_the_pixel_limit_is_refused_before_decoding()
    {
        var path = _temp.File("bomb.png");
        File.WriteAllBytes(path, PngBuilder.HeaderOnly(30000, 30000));
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, ex.ErrorId);
        Assert.Equal(PhotoProblem.LimitExceeded, ex.Problem);
        Assert.Contains("900 MP", ex.Message);
        // Under a higher limit the same header is accepted by ingest (its pixels are judged at decode time).
        Assert.Equal(30000, new PhotoInspector(1000).Inspect(path).Width);
    }

    [Fact]
    public void A_damaged_header_is_a_corrupt_image()
    {
        var path = TestImages.WriteJpeg(_temp.File("damaged.jpg"));
        var bytes = File.ReadAllBytes(path);
        // Keep SOI and the first marker (so it still sniffs as JPEG), then zero everything up to the end marker.
        for (var i = 4; i < bytes.Length - 2; i++) bytes[i] = 0x00;
        File.WriteAllBytes(path, bytes);
        var ex = Fails(path);
        Assert.Contains(ex.ErrorId, new[] { PhotoErrorIds.CorruptImage, PhotoErrorIds.TruncatedImage });
    }

    [Fact]
    public void Garbage_exif_does_not_lose_the_photo()
    {
        var path = TestImages.WriteJpeg(_temp.File("garbage-exif.jpg"));
        var original = File.ReadAllBytes(path);
        // An APP1 "Exif" segment whose TIFF header points its IFD far outside the segment.
        var exif = new byte[] { 0xFF, 0xE1, 0x00, 0x16, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, (byte)'I', (byte)'I', 42, 0, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4, 5, 6 };
        File.WriteAllBytes(path, original[..2].Concat(exif).Concat(original[2..]).ToArray());
        var photo = TestImages.Inspect(path);
        Assert.Equal(320, photo.Width);
        Assert.Null(photo.Exif.CaptureTimeLocal);
        Assert.NotEmpty(photo.Exif.Warnings);
    }

    public void Dispose() => _temp.Dispose();
}
