using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using static PhotoCuration.Tests.Support.IccProfileBuilder;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>
/// ICC profiles are converted to sRGB whatever container carries them: JPEG APP2 is covered in
/// ColorProfileTests; here PNG iCCP, TIFF tag 34675 and WebP ICCP.
/// </summary>
public sealed class EmbeddedProfileFormatTests : IDisposable
{
    private readonly PreprocessFixture _fx = new();
    private static readonly byte[] P3 = Matrix(DisplayP3, new SrgbParametric(), "Display P3");

    private static Image<Rgb24> Patch() => new(64, 64, new Rgb24(0, 200, 0));

    [Fact]
    public void A_display_p3_png_is_converted_to_srgb()
    {
        using var image = Patch();
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        var path = _fx.Temp.File("p3.png");
        File.WriteAllBytes(path, PngBuilder.WithChunkAfterHeader(stream.ToArray(), "iCCP", PngBuilder.IccpData("Display P3", P3)));
        AssertConverted(path);
    }

    /// <summary>An uncompressed RGB TIFF written tag by tag, with the profile in tag 34675.</summary>
    [Fact]
    public void A_display_p3_tiff_is_converted_to_srgb()
    {
        var pixels = Enumerable.Range(0, 64 * 64).SelectMany(_ => new byte[] { 0, 200, 0 }).ToArray();
        var ifd = new TiffBuilder.Ifd()
            .Long(0x0100, 64).Long(0x0101, 64).Short(0x0102, 8, 8, 8).Short(0x0103, 1).Short(0x0106, 2)
            .Blob(0x0111, 0x0117, pixels).Short(0x0115, 3).Long(0x0116, 64).Undefined(0x8773, P3);
        var path = _fx.Temp.File("p3.tif");
        File.WriteAllBytes(path, new TiffBuilder().Build(ifd));
        AssertConverted(path);
    }

    /// <summary>ImageSharp writes simple (VP8) WebP; the extended form adds VP8X (with the ICC flag) and ICCP before it.</summary>
    [Fact]
    public void A_display_p3_webp_is_converted_to_srgb()
    {
        using var image = Patch();
        using var stream = new MemoryStream();
        image.SaveAsWebp(stream, new SixLabors.ImageSharp.Formats.Webp.WebpEncoder { FileFormat = SixLabors.ImageSharp.Formats.Webp.WebpFileFormatType.Lossless });
        var simple = stream.ToArray();
        var vp8x = new byte[18];
        "VP8X"u8.CopyTo(vp8x);
        vp8x[4] = 10;
        vp8x[8] = 0x20;                           // ICC profile present
        vp8x[12] = 63; vp8x[15] = 63;             // canvas width-1 and height-1, 24-bit little-endian
        var iccp = "ICCP"u8.ToArray().Concat(BitConverter.GetBytes(P3.Length)).Concat(P3).Concat(P3.Length % 2 == 1 ? new byte[1] : Array.Empty<byte>()).ToArray();
        var body = "WEBP"u8.ToArray().Concat(vp8x).Concat(iccp).Concat(simple[12..]).ToArray();
        var path = _fx.Temp.File("p3.webp");
        File.WriteAllBytes(path, "RIFF"u8.ToArray().Concat(BitConverter.GetBytes(body.Length)).Concat(body).ToArray());
        AssertConverted(path);
    }

    private void AssertConverted(string path)
    {
        var result = _fx.Run(path);
        Assert.Contains("icc 'Display P3' converted to sRGB", result.ProcessingMethod);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        // P3 pure-ish green is outside sRGB: converted, its red channel drops to 0 and green rises.
        Assert.False(TestImages.Near(new Rgb24(0, 200, 0), output[32, 32], 2), $"pixels were not converted: {output[32, 32]}");
    }

    public void Dispose() => _fx.Dispose();
}
