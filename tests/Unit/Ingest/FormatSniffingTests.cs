using System.Text;
using PhotoCuration.Engine.Ingest;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

public sealed class FormatSniffingTests
{
    private static byte[] Bytes(params int[] values) => values.Select(v => (byte)v).Concat(new byte[32]).Take(32).ToArray();
    private static byte[] Ftyp(string brand) => new byte[] { 0, 0, 0, 24 }.Concat(Encoding.ASCII.GetBytes("ftyp" + brand)).Concat(new byte[20]).ToArray();

    [Theory]
    [InlineData(new[] { 0xFF, 0xD8, 0xFF, 0xE1 }, ".png", PhotoFormat.Jpeg)]
    [InlineData(new[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, ".jpg", PhotoFormat.Png)]
    [InlineData(new[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, ".jpg", PhotoFormat.Gif)]
    [InlineData(new[] { 0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0 }, ".tif", PhotoFormat.Tiff)]
    [InlineData(new[] { 0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0 }, ".NEF", PhotoFormat.TiffRaw)]
    [InlineData(new[] { 0x49, 0x49, 0x2A, 0x00, 16, 0, 0, 0, 0x43, 0x52 }, ".cr2", PhotoFormat.CanonCr2)]
    [InlineData(new[] { 0x74, 0x65, 0x78, 0x74 }, ".jpg", PhotoFormat.Unknown)]
    public void Content_decides_not_the_extension(int[] header, string extension, PhotoFormat expected) =>
        Assert.Equal(expected, PhotoFormats.Sniff(Bytes(header), extension));

    [Theory]
    [InlineData("heic", PhotoFormat.Heif)]
    [InlineData("avif", PhotoFormat.Avif)]
    [InlineData("crx ", PhotoFormat.CanonCr3)]
    public void Iso_media_brands_are_recognised(string brand, PhotoFormat expected) =>
        Assert.Equal(expected, PhotoFormats.Sniff(Ftyp(brand), ".bin"));

    [Fact]
    public void Webp_needs_the_riff_webp_signature()
    {
        var webp = Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8 ").Concat(new byte[16]).ToArray();
        var wav = Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEfmt ").Concat(new byte[16]).ToArray();
        Assert.Equal(PhotoFormat.WebP, PhotoFormats.Sniff(webp, ".webp"));
        Assert.Equal(PhotoFormat.Unknown, PhotoFormats.Sniff(wav, ".webp"));
    }

    [Fact]
    public void Only_pixel_formats_are_decodable()
    {
        Assert.True(PhotoFormats.IsDecodable(PhotoFormat.Jpeg));
        Assert.False(PhotoFormats.IsDecodable(PhotoFormat.Heif));
        Assert.False(PhotoFormats.IsDecodable(PhotoFormat.TiffRaw));
        Assert.True(PhotoFormats.IsRaw(PhotoFormat.CanonCr3));
    }
}
