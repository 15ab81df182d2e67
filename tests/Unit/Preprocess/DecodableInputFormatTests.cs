using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>docs/architecture.md#inputs-that-must-work: JPEG, PNG, TIFF, WebP, BMP, GIF in, upright 8-bit sRGB JPEGs out.</summary>
public sealed class DecodableInputFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private PhotoPreprocess Run(string path) =>
        new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions()).Process(TestImages.Inspect(path));

    private static void AssertQuadrants(string jpeg, int tolerance)
    {
        using var output = Image.Load<Rgb24>(jpeg);
        Assert.Equal((64, 48), (output.Width, output.Height));
        PixelAssert.Near(TestImages.Red, output[16, 12], tolerance, "top left");
        PixelAssert.Near(TestImages.Green, output[48, 12], tolerance, "top right");
        PixelAssert.Near(TestImages.Blue, output[16, 36], tolerance, "bottom left");
        PixelAssert.Near(TestImages.Yellow, output[48, 36], tolerance, "bottom right");
    }

    [Theory]
    [InlineData("tiff", "Tiff")]
    [InlineData("bmp", "Bmp")]
    [InlineData("webp", "WebP")]
    [InlineData("png-palette", "Png")]
    [InlineData("png-rgba", "Png")]
    [InlineData("tiff-16bit", "Tiff")]
    public void Each_container_gives_the_same_upright_pixels(string kind, string format)
    {
        using var image = TestImages.Quadrants(64, 48);
        var path = _temp.File("q." + kind.Split('-')[0]);
        switch (kind)
        {
            case "tiff": image.SaveAsTiff(path); break;
            case "tiff-16bit":
                using (var deep = image.CloneAs<Rgb48>()) deep.SaveAsTiff(path, new TiffEncoder { BitsPerPixel = TiffBitsPerPixel.Bit48 });
                break;
            case "bmp": image.SaveAsBmp(path); break;
            case "webp": image.SaveAsWebp(path, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }); break;
            case "png-palette": image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Palette }); break;
            case "png-rgba":
                using (var rgba = image.CloneAs<Rgba32>()) rgba.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });
                break;
        }
        Assert.Equal(format, TestImages.Inspect(path).Format);
        var result = Run(path);
        Assert.Contains($"full decode ({format})", result.ProcessingMethod);
        AssertQuadrants(result.StandardizedPath, 12);
        AssertQuadrants(result.RankingPath, 12);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("webp")]
    public void Exif_orientation_is_applied_in_png_and_webp(string kind) => AssertSidewaysComesOutUpright(kind);

    /// <summary>
    /// Was an engine bug (fixed): ImageSharp 2.1's TIFF decoder puts the IFD's EXIF tags
    /// (Orientation among them) on the root frame's metadata, not the image's. Preprocessor.ReadOrientation
    /// and ImageSharp's AutoOrient only look at image.Metadata.ExifProfile, so a TIFF with Orientation 6
    /// comes out sideways while ingest (MetadataExtractor) records 6.
    /// </summary>
    [Fact]
    public void Exif_orientation_is_applied_in_tiff() => AssertSidewaysComesOutUpright("tiff");

    private void AssertSidewaysComesOutUpright(string kind)
    {
        using var upright = TestImages.Quadrants(64, 48);
        using var stored = TestImages.StoreForOrientation(upright, 6);
        var path = _temp.File("sideways." + kind);
        switch (kind)
        {
            case "png": stored.SaveAsPng(path); break;
            case "tiff":
                // ImageSharp's TIFF encoder writes the frame's EXIF tags into the IFD, not the image's.
                stored.Frames.RootFrame.Metadata.ExifProfile = stored.Metadata.ExifProfile!.DeepClone();
                stored.SaveAsTiff(path);
                break;
            default: stored.SaveAsWebp(path, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }); break;
        }
        var photo = TestImages.Inspect(path);
        Assert.Equal(6, photo.Exif.Orientation);
        var result = new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions()).Process(photo);
        Assert.Contains("orientation 6", result.ProcessingMethod);
        AssertQuadrants(result.StandardizedPath, 12);
    }

    [Fact]
    public void A_grayscale_jpeg_comes_out_grey()
    {
        using (var gray = new Image<L8>(64, 48, new L8(140)))
        {
            gray.SaveAsJpeg(_temp.File("gray.jpg"), new JpegEncoder { ColorType = JpegColorType.Luminance, Quality = 95 });
        }
        var result = Run(_temp.File("gray.jpg"));
        using var output = Image.Load<Rgb24>(result.StandardizedPath);
        PixelAssert.Near(new Rgb24(140, 140, 140), output[32, 24], 3);
    }

    [Fact]
    public void Derived_images_are_baseline_jpegs_without_metadata()
    {
        using var image = TestImages.Quadrants(64, 48);
        image.Metadata.ExifProfile = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile();
        image.Metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitudeRef, "N");
        image.Metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Artist, "Private Person");
        var path = TestImages.SaveJpeg(image, _temp.File("private.jpg"));
        var result = Run(path);
        foreach (var derived in new[] { result.RankingPath, result.StandardizedPath })
        {
            var bytes = File.ReadAllBytes(derived);
            Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, bytes[..3]);
            Assert.Equal(new byte[] { 0xFF, 0xD9 }, bytes[^2..]);
            Assert.Equal(-1, JpegEdit.FindSegment(bytes, 0xE1)); // no EXIF/XMP: GPS and names stay private
            using var decoded = Image.Load(derived);
            Assert.Null(decoded.Metadata.ExifProfile);
            Assert.Null(decoded.Metadata.IccProfile);
        }
        Assert.EndsWith(".jpg", result.RankingPath);
        Assert.EndsWith("_std.jpg", result.StandardizedPath);
    }

    public void Dispose() => _temp.Dispose();
}
