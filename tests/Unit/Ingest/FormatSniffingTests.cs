using System.Text;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>The container is known from the file's first bytes; the extension never decides (docs/architecture.md#pipeline).</summary>
public sealed class FormatSniffingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static byte[] Bytes(params int[] values) => values.Select(v => (byte)v).Concat(new byte[32]).Take(32).ToArray();

    /// <summary>An ISO base media file header: box size, 'ftyp', major brand, minor version, a compatible brand.</summary>
    private static byte[] Ftyp(string brand) =>
        new byte[] { 0, 0, 0, 24 }.Concat(Encoding.ASCII.GetBytes("ftyp" + brand)).Concat(new byte[] { 0, 0, 0, 0 }).Concat(Encoding.ASCII.GetBytes("mif1")).Concat(new byte[16]).ToArray();

    [Theory]
    [InlineData(new[] { 0xFF, 0xD8, 0xFF, 0xE1 }, ".png", PhotoFormat.Jpeg)]
    [InlineData(new[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, ".jpg", PhotoFormat.Png)]
    [InlineData(new[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, ".jpg", PhotoFormat.Gif)]
    [InlineData(new[] { 0x42, 0x4D, 0x36, 0x30, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0 }, ".jpg", PhotoFormat.Bmp)] // BITMAPINFOHEADER (40 bytes)
    [InlineData(new[] { 0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0 }, ".tif", PhotoFormat.Tiff)]
    [InlineData(new[] { 0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8 }, ".jpg", PhotoFormat.Tiff)]
    [InlineData(new[] { 0x74, 0x65, 0x78, 0x74 }, ".jpg", PhotoFormat.Unknown)]
    [InlineData(new int[0], ".jpg", PhotoFormat.Unknown)]
    public void Content_decides_not_the_extension(int[] header, string extension, PhotoFormat expected) =>
        Assert.Equal(expected, PhotoFormats.Sniff(Bytes(header), extension));

    [Theory]
    [InlineData(".nef")]
    [InlineData(".NEF")]
    [InlineData(".arw")]
    [InlineData(".dng")]
    public void A_tiff_header_with_a_raw_extension_is_tiff_raw(string extension)
    {
        Assert.Equal(PhotoFormat.TiffRaw, PhotoFormats.Sniff(Bytes(0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0), extension));
        Assert.Equal(PhotoFormat.TiffRaw, PhotoFormats.Sniff(Bytes(0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8), extension));
        Assert.Equal(extension.TrimStart('.').ToUpperInvariant() + " RAW", PhotoFormats.Describe(PhotoFormat.TiffRaw, extension));
    }

    [Fact]
    public void A_tiff_with_the_canon_cr2_marker_is_cr2_whatever_its_extension() =>
        Assert.Equal(PhotoFormat.CanonCr2, PhotoFormats.Sniff(Bytes(0x49, 0x49, 0x2A, 0x00, 16, 0, 0, 0, 0x43, 0x52), ".tif"));

    [Theory]
    [InlineData("heic", PhotoFormat.Heif)]
    [InlineData("mif1", PhotoFormat.Heif)]
    [InlineData("avif", PhotoFormat.Avif)]
    [InlineData("crx ", PhotoFormat.CanonCr3)]
    [InlineData("isom", PhotoFormat.Unknown)] // an MP4 video is not a photo
    public void Iso_media_brands_are_recognised(string brand, PhotoFormat expected) =>
        Assert.Equal(expected, PhotoFormats.Sniff(Ftyp(brand), ".jpg"));

    [Fact]
    public void Webp_needs_the_riff_webp_signature()
    {
        var webp = Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8 ").Concat(new byte[16]).ToArray();
        var wav = Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEfmt ").Concat(new byte[16]).ToArray();
        Assert.Equal(PhotoFormat.WebP, PhotoFormats.Sniff(webp, ".webp"));
        Assert.Equal(PhotoFormat.Unknown, PhotoFormats.Sniff(wav, ".webp"));
    }

    [Fact]
    public void Only_formats_with_a_decoder_are_decodable()
    {
        foreach (var f in new[] { PhotoFormat.Jpeg, PhotoFormat.Png, PhotoFormat.Gif, PhotoFormat.Bmp, PhotoFormat.Tiff, PhotoFormat.WebP })
            Assert.True(PhotoFormats.IsDecodable(f), f.ToString());
        foreach (var f in new[] { PhotoFormat.Unknown, PhotoFormat.Heif, PhotoFormat.Avif, PhotoFormat.CanonCr3, PhotoFormat.TiffRaw, PhotoFormat.Psd })
            Assert.False(PhotoFormats.IsDecodable(f), f.ToString());
        Assert.True(PhotoFormats.IsRaw(PhotoFormat.CanonCr3));
        Assert.True(PhotoFormats.IsRaw(PhotoFormat.TiffRaw));
        Assert.False(PhotoFormats.IsRaw(PhotoFormat.Tiff));
    }

    [Fact]
    public void Png_bytes_named_jpg_are_accepted_as_png()
    {
        using var image = TestImages.Texture(40, 30);
        var path = _temp.File("really-a-png.jpg");
        image.SaveAsPng(path);
        var photo = TestImages.Inspect(path);
        Assert.Equal("Png", photo.Format);
        Assert.Equal((40, 30), (photo.Width, photo.Height));
    }

    [Fact]
    public void Text_named_jpg_is_not_an_image()
    {
        var path = _temp.File("notes.jpg");
        File.WriteAllText(path, "shopping list: film, batteries");
        var ex = Assert.Throws<PhotoInputException>(() => TestImages.Inspect(path));
        Assert.Equal(PhotoErrorIds.NotAnImage, ex.ErrorId);
        Assert.Equal(PhotoProblem.InvalidData, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("notes.jpg", ex.Message);
    }

    [Theory]
    [InlineData("heic", "IMG_1234.HEIC", "HEIF/HEIC")]
    [InlineData("avif", "photo.avif", "AVIF")]
    [InlineData("crx ", "IMG_0001.CR3", "Canon CR3 RAW")]
    public void Recognised_but_undecodable_files_are_unsupported_not_corrupt(string brand, string name, string described)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, Ftyp(brand).Concat(new byte[4096]).ToArray());
        var ex = Assert.Throws<PhotoInputException>(() => TestImages.Inspect(path));
        Assert.Equal(PhotoErrorIds.UnsupportedFormat, ex.ErrorId);
        Assert.Equal(PhotoProblem.Unsupported, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(described, ex.Message);
    }

    public void Dispose() => _temp.Dispose();
}
