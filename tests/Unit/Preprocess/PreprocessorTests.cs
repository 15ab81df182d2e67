using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>One decode per photo into the ranking and standardized JPEGs, for every input docs/architecture.md#inputs-that-must-work lists.</summary>
public sealed class PreprocessorTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    public static TheoryData<string> Formats => new() { "png", "bmp", "tif", "webp", "gif", "jpg" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_listed_container_is_decoded(string extension)
    {
        using var image = TestImages.Quadrants(64, 48);
        var path = _fixture.Temp.File("q." + extension);
        switch (extension)
        {
            case "png": image.SaveAsPng(path); break;
            case "bmp": image.SaveAsBmp(path, new BmpEncoder()); break;
            case "tif": image.SaveAsTiff(path, new TiffEncoder()); break;
            case "webp": image.SaveAsWebp(path, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }); break;
            case "gif": image.SaveAsGif(path, new GifEncoder()); break;
            default: TestImages.SaveJpeg(image, path); break;
        }
        var result = _fixture.Run(path);
        Assert.Equal((64, 48), (result.StandardizedWidth, result.StandardizedHeight));
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        TestImages.AssertNear(TestImages.Red, output[16, 12], 24, result.ProcessingMethod);
        TestImages.AssertNear(TestImages.Yellow, output[48, 36], 24, result.ProcessingMethod);
    }

    [Fact]
    public void Sixteen_bit_rgb_png_is_converted_to_8_bit()
    {
        var path = _fixture.Temp.File("deep.png");
        using (var deep = new Image<Rgb48>(200, 100, new Rgb48(65535, 32768, 0)))
            deep.SaveAsPng(path, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb });
        Assert.Equal(16, Image.Identify(path).PixelType.BitsPerPixel / 3);
        var result = _fixture.Run(path);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        TestImages.AssertNear(new Rgb24(255, 128, 0), output[100, 50], 8);
    }

    [Fact]
    public void Grayscale_png_and_jpeg_become_neutral_rgb()
    {
        var png = _fixture.Temp.File("gray.png");
        var jpg = _fixture.Temp.File("gray.jpg");
        using (var gray = new Image<L8>(200, 100, new L8(90)))
        {
            gray.SaveAsPng(png, new PngEncoder { ColorType = PngColorType.Grayscale });
            gray.SaveAsJpeg(jpg, new JpegEncoder { ColorType = JpegColorType.Luminance, Quality = 95 });
        }
        foreach (var path in new[] { png, jpg })
        {
            using var output = PreprocessFixture.Load(_fixture.Run(path).StandardizedPath);
            TestImages.AssertNear(new Rgb24(90, 90, 90), output[100, 50], 4, path);
        }
    }

    [Fact]
    public void An_animated_gif_gives_its_first_frame()
    {
        using var gif = new Image<Rgba32>(64, 64, new Rgba32(255, 0, 0));
        using var second = new Image<Rgba32>(64, 64, new Rgba32(0, 0, 255));
        gif.Frames.AddFrame(second.Frames.RootFrame);
        var path = _fixture.Temp.File("anim.gif");
        gif.SaveAsGif(path, new GifEncoder());
        Assert.Equal(2, Image.Load(path).Frames.Count); // really two frames on disk
        using var output = PreprocessFixture.Load(_fixture.Run(path).StandardizedPath);
        TestImages.AssertNear(new Rgb24(255, 0, 0), output[32, 32], 12);
    }

    [Fact]
    public void Derived_files_are_named_by_stem_and_id_inside_the_workspace()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("Brautpaar am Fluß.jpg"));
        var photo = TestImages.Inspect(path);
        var result = _fixture.Run(photo);
        var hex = photo.PhotoId[7..15];
        Assert.Equal(Path.Combine(_fixture.Layout.RankingDir, hex[..2], $"Brautpaar_am_Fluß_{hex}.jpg"), result.RankingPath);
        Assert.Equal(Path.Combine(_fixture.Layout.StandardizedDir, hex[..2], $"Brautpaar_am_Fluß_{hex}_std.jpg"), result.StandardizedPath);
        Assert.Equal(path, result.OriginalPath);
        Assert.False(result.FromCache);
    }

    [Fact]
    public void Derived_images_carry_no_metadata_and_the_ranking_image_is_high_quality()
    {
        using var image = TestImages.Texture(300, 200);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitudeRef, "N");
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitude, new[] { new Rational(46, 1), new Rational(33, 1), new Rational(12, 1) });
        image.Metadata.ExifProfile.SetValue(ExifTag.Make, "Canon");
        var result = _fixture.Run(TestImages.SaveJpeg(image, _fixture.Temp.File("gps.jpg")));
        foreach (var file in new[] { result.RankingPath, result.StandardizedPath })
        {
            using var output = Image.Load(file);
            Assert.Null(output.Metadata.ExifProfile);
            Assert.Null(output.Metadata.IccProfile);
            Assert.Null(output.Metadata.XmpProfile);
            Assert.True(output.Metadata.GetJpegMetadata().Quality >= 92, $"quality {output.Metadata.GetJpegMetadata().Quality}");
        }
    }

    [Fact]
    public void The_original_and_its_folder_are_never_written()
    {
        var input = _fixture.Temp.File("input/a.jpg");
        TestImages.WriteJpeg(input);
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(input, old);
        var bytes = File.ReadAllBytes(input);
        _fixture.Run(input);
        Assert.Equal(bytes, File.ReadAllBytes(input));
        Assert.Equal(old, File.GetLastWriteTimeUtc(input));
        Assert.Equal(new[] { input }, Directory.GetFileSystemEntries(Path.GetDirectoryName(input)!));
    }

    [Fact]
    public void A_file_changed_after_import_is_refused()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("c.jpg"), seed: 1);
        var photo = TestImages.Inspect(path);
        TestImages.WriteJpeg(path, seed: 2);
        var ex = Assert.Throws<PhotoInputException>(() => _fixture.Run(photo));
        Assert.Equal(PhotoErrorIds.FileChanged, ex.ErrorId);
        Assert.Equal(PhotoProblem.Changed, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.False(Directory.Exists(_fixture.Layout.RankingDir) && Directory.EnumerateFiles(_fixture.Layout.RankingDir, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void A_file_deleted_after_import_is_not_found()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("d.jpg"));
        var photo = TestImages.Inspect(path);
        File.Delete(path);
        Assert.Equal(PhotoErrorIds.FileNotFound, Assert.Throws<PhotoInputException>(() => _fixture.Run(photo)).ErrorId);
    }

    [Fact]
    public void The_pixel_limit_is_checked_again_before_decoding()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("big.jpg"), 2000, 1000);
        var ex = Assert.Throws<PhotoInputException>(() => _fixture.Run(path, new PreprocessOptions { MaxMegapixels = 1 }));
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, ex.ErrorId);
    }

    [Fact]
    public void A_jpeg_whose_scan_data_is_garbage_fails_to_decode_with_an_id()
    {
        var bytes = TestImages.JpegBytes(64, 48);
        var sos = JpegScanStart(bytes);
        for (var i = sos; i < bytes.Length - 2; i++) bytes[i] = 0xFF; // markers everywhere the scan should be
        var path = _fixture.Temp.File("garbage-scan.jpg");
        File.WriteAllBytes(path, bytes);
        var photo = TestImages.Inspect(path); // the header is intact: ingest accepts it
        try
        {
            var result = _fixture.Run(photo);
            Assert.Equal((64, 48), (result.StandardizedWidth, result.StandardizedHeight)); // a lenient decode is acceptable
        }
        catch (PhotoInputException ex)
        {
            Assert.Equal(PhotoErrorIds.DecodeFailed, ex.ErrorId);
        }
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _fixture.Preprocessor(new PreprocessOptions { StandardizedLongEdge = 4096 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _fixture.Preprocessor(new PreprocessOptions { JpegQuality = 20 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _fixture.Preprocessor(new PreprocessOptions { RankingLongEdge = 10 }));
        Assert.NotEqual(new PreprocessOptions().ParametersHash, new PreprocessOptions { JpegQuality = 95 }.ParametersHash);
        Assert.Equal(new PreprocessOptions().ParametersHash, new PreprocessOptions { MaxMegapixels = 10 }.ParametersHash);
    }

    /// <summary>Offset of the first byte after the SOS segment header.</summary>
    private static int JpegScanStart(byte[] jpeg)
    {
        var i = 2;
        while (jpeg[i + 1] != 0xDA) i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        return i + 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
    }

    public void Dispose() => _fixture.Dispose();
}
