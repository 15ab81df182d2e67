using System.Text;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>Files that are images, but of a kind this version cannot decode, are named in the error; non-images are not.</summary>
public sealed class UnsupportedFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string WriteFile(string name, byte[] bytes)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An ISO base media file: an 'ftyp' box with a major brand, then filler like an 'mdat' box.</summary>
    private static byte[] IsoMedia(string majorBrand, string compatible) =>
        new byte[] { 0, 0, 0, 24 }.Concat(Encoding.ASCII.GetBytes("ftyp" + majorBrand + "\0\0\0\0" + compatible))
            .Concat(new byte[] { 0, 0, 0, 8 }).Concat(Encoding.ASCII.GetBytes("mdat")).Concat(new byte[200]).ToArray();

    private PhotoInputException Fails(string path) => Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect(path));

    [Theory]
    [InlineData("IMG_0001.HEIC", "heic", "mif1heic", "HEIF/HEIC")]
    [InlineData("photo.avif", "avif", "mif1avif", "AVIF")]
    [InlineData("IMG_0001.CR3", "crx ", "crx isom", "Canon CR3 RAW")]
    [InlineData("renamed.jpg", "heic", "mif1heic", "HEIF/HEIC")]
    public void Iso_media_images_are_unsupported_and_named(string name, string brand, string compatible, string described)
    {
        var path = WriteFile(name, IsoMedia(brand, compatible));
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.UnsupportedFormat, ex.ErrorId);
        Assert.Equal(PhotoProblem.Unsupported, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(described, ex.Message);
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public void An_mp4_video_named_jpg_is_not_an_image()
    {
        var path = WriteFile("clip.jpg", IsoMedia("isom", "isomavc1"));
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.NotAnImage, ex.ErrorId);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void A_tiff_container_with_a_raw_extension_is_a_raw_file()
    {
        using var image = TestImages.Texture(40, 30);
        var tiff = _temp.File("frame.tif");
        image.SaveAsTiff(tiff);
        var bytes = File.ReadAllBytes(tiff);
        Assert.Equal(PhotoFormat.TiffRaw, PhotoFormats.Sniff(bytes.AsSpan(0, 32), ".nef"));

        // The same bytes as .tif are a plain TIFF and accepted; as .NEF they are a RAW file, refused by name.
        Assert.Equal("Tiff", TestImages.Inspect(tiff).Format);
        var nef = WriteFile("DSC_0001.NEF", bytes);
        var ex = Fails(nef);
        Assert.Equal(PhotoErrorIds.UnsupportedFormat, ex.ErrorId);
        Assert.Contains("NEF RAW", ex.Message);
        Assert.Equal(nef, ex.FilePath);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'8', (byte)'B', (byte)'P', (byte)'S', 0, 1 }, "layers.psd", "Photoshop PSD")]
    [InlineData(new byte[] { 0xFF, 0x0A, 0xFA, 0x7F }, "photo.jxl", "JPEG XL")]
    public void Other_recognised_containers_are_unsupported(byte[] magic, string name, string described)
    {
        var ex = Fails(WriteFile(name, magic.Concat(new byte[100]).ToArray()));
        Assert.Equal(PhotoErrorIds.UnsupportedFormat, ex.ErrorId);
        Assert.Contains(described, ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xD8 })]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N' })]
    public void A_file_too_short_for_any_signature_is_not_an_image(byte[] bytes)
    {
        var ex = Fails(WriteFile("tiny.jpg", bytes));
        Assert.Equal(PhotoErrorIds.NotAnImage, ex.ErrorId);
    }

    /// <summary>
    /// Was an engine bug (fixed): <c>PhotoFormats.Sniff</c> takes any file starting with "BM"
    /// as a BMP, so a text file named .jpg that begins with "BM" is reported as a damaged BMP
    /// (CorruptImage) instead of NotAnImage.
    /// </summary>
    [Fact]
    public void Text_that_happens_to_start_with_BM_is_not_an_image()
    {
        var path = WriteFile("notes.jpg", Encoding.ASCII.GetBytes("BMW service notes: oil change at 30000 km, tyres next spring."));
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.NotAnImage, ex.ErrorId);
    }

    public void Dispose() => _temp.Dispose();
}
