using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>What ingest checks about one file, and the stable error ids it refuses files with (docs/architecture.md#inputs-that-must-work).</summary>
public sealed class PhotoInspectorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static PhotoInputException Fails(string path, double maxMegapixels = PhotoInspector.DefaultMaxMegapixels) =>
        Assert.Throws<PhotoInputException>(() => new PhotoInspector(maxMegapixels).Inspect(path));

    [Fact]
    public void A_jpeg_gets_its_sha256_id_size_and_format()
    {
        var path = TestImages.WriteJpeg(_temp.File("a.jpg"), 320, 200);
        var photo = TestImages.Inspect(path);
        Assert.Matches(new Regex("^sha256:[0-9a-f]{64}$"), photo.PhotoId);
        Assert.Equal("sha256:" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant(), photo.PhotoId);
        Assert.Equal((320, 200), (photo.Width, photo.Height));
        Assert.Equal("Jpeg", photo.Format);
        Assert.Equal("a.jpg", photo.FileName);
        Assert.Equal(path, photo.Path);
        Assert.Equal(new FileInfo(path).Length, photo.FileSize);
    }

    [Fact]
    public void A_relative_path_is_recorded_in_full()
    {
        var path = TestImages.WriteJpeg(_temp.File("rel.jpg"));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        Assert.Equal(path, TestImages.Inspect(relative).Path);
    }

    [Fact]
    public void The_file_is_only_read()
    {
        var path = TestImages.WriteJpeg(_temp.File("keep.jpg"));
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);
        var before = File.ReadAllBytes(path);
        TestImages.Inspect(path);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_zero_byte_file_is_empty()
    {
        var path = _temp.File("empty.jpg");
        File.WriteAllBytes(path, Array.Empty<byte>());
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.EmptyFile, ex.ErrorId);
        Assert.Equal(PhotoProblem.InvalidData, ex.Problem);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void A_folder_named_like_a_photo_is_not_a_file()
    {
        var path = _temp.File("x.jpg");
        Directory.CreateDirectory(path);
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.NotAFile, ex.ErrorId);
        Assert.Equal(PhotoProblem.NotAFile, ex.Problem);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        var path = Path.Combine(_temp.Path, "missing.jpg");
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.FileNotFound, ex.ErrorId);
        Assert.Equal(PhotoProblem.NotFound, ex.Problem);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void The_first_half_of_a_jpeg_is_truncated()
    {
        var bytes = TestImages.JpegBytes(400, 300);
        var path = _temp.File("cut.jpg");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
        Assert.Equal(path, ex.FilePath);
    }

    /// <summary>
    /// Cameras store a small JPEG thumbnail in the EXIF block at the start of the file, and that thumbnail
    /// ends with its own end marker (FF D9). A cut-off photo still contains it, so "an FF D9 somewhere in the
    /// last 256 KB" does not prove the main image is complete when the cut file is smaller than that.
    /// </summary>
    [Fact]
    public void The_first_half_of_a_jpeg_with_an_exif_thumbnail_is_truncated()
    {
        var thumbnail = TestImages.JpegBytes(32, 24, seed: 9);
        var whole = JpegSegments.InsertAfterSoi(TestImages.JpegBytes(400, 300), 0xE1, JpegSegments.ExifWithThumbnail(thumbnail));
        var complete = _temp.File("whole.jpg");
        File.WriteAllBytes(complete, whole);
        Assert.Equal(400, TestImages.Inspect(complete).Width); // the crafted EXIF block itself is valid

        var path = _temp.File("cut-with-thumbnail.jpg");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
    }

    [Fact]
    public void A_cut_off_png_is_truncated()
    {
        using var image = TestImages.Texture(400, 300);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        var bytes = stream.ToArray();
        var path = _temp.File("cut.png");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void Padding_after_the_jpeg_end_marker_is_allowed()
    {
        var path = TestImages.WriteJpeg(_temp.File("padded.jpg"));
        File.AppendAllText(path, new string('\0', 500));
        Assert.Equal("Jpeg", TestImages.Inspect(path).Format);
    }

    [Fact]
    public void The_hand_made_png_has_valid_crcs()
    {
        // CRC-32 check value of the standard ("123456789" → CBF43926) and the well-known IEND chunk CRC.
        Assert.Equal(0xCBF43926u, PngBuilder.Crc32("123456789"u8.ToArray()));
        var png = PngBuilder.HeaderOnly(30000, 30000);
        Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, png[^4..]);
        // ImageSharp reads the declared size from it without decoding.
        Assert.Equal(30000, Image.Identify(png).Width);
    }

    [Fact]
    public void A_png_declaring_900_megapixels_is_refused_before_decoding()
    {
        var path = _temp.File("bomb.png");
        File.WriteAllBytes(path, PngBuilder.HeaderOnly(30000, 30000));
        var ex = Fails(path, maxMegapixels: 250);
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, ex.ErrorId);
        Assert.Equal(PhotoProblem.LimitExceeded, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("900 MP", ex.Message);
        Assert.Contains("250 MP", ex.Message);
    }

    [Fact]
    public void Inspection_never_decodes_pixels()
    {
        // The file has no pixel data at all (an empty IDAT): under a higher limit ingest still accepts its
        // header, which shows it read only the header …
        var path = _temp.File("bomb.png");
        File.WriteAllBytes(path, PngBuilder.HeaderOnly(30000, 30000));
        var photo = new PhotoInspector(1000).Inspect(path);
        Assert.Equal((30000, 30000), (photo.Width, photo.Height));
        // … and preprocessing refuses it on the declared size, before it tries (and fails) to decode.
        var ex = Assert.Throws<PhotoInputException>(() => new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions()).Process(photo));
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, ex.ErrorId);
    }

    [Fact]
    public void The_pixel_limit_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoInspector(0));

    [Fact]
    public void A_jpeg_whose_header_is_destroyed_is_corrupt()
    {
        var bytes = TestImages.JpegBytes();
        // Keep SOI and the first marker (so it still sniffs as JPEG) and the end marker; zero the rest.
        for (var i = 4; i < bytes.Length - 2; i++) bytes[i] = 0x00;
        var path = _temp.File("damaged.jpg");
        File.WriteAllBytes(path, bytes);
        var ex = Fails(path);
        Assert.Equal(PhotoErrorIds.CorruptImage, ex.ErrorId);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void A_garbage_exif_segment_does_not_lose_the_photo()
    {
        // An APP1 "Exif" segment whose TIFF header points its first IFD far outside the segment.
        var garbage = new byte[] { (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, (byte)'I', (byte)'I', 42, 0, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4, 5, 6 };
        var path = _temp.File("garbage-exif.jpg");
        File.WriteAllBytes(path, JpegSegments.InsertAfterSoi(TestImages.JpegBytes(), 0xE1, garbage));
        var photo = TestImages.Inspect(path);
        Assert.Equal((320, 200), (photo.Width, photo.Height));
        Assert.Null(photo.Exif.CaptureTimeLocal);
        Assert.Null(photo.Exif.Orientation);
        Assert.NotEmpty(photo.Exif.Warnings);
    }

    [Fact]
    public void Random_bytes_inside_the_exif_segment_never_throw_anything_but_a_photo_error()
    {
        var good = ExifSegment();
        var intact = _temp.File("intact.jpg");
        File.WriteAllBytes(intact, JpegSegments.InsertAfterSoi(TestImages.JpegBytes(64, 48), 0xE1, good));
        Assert.Equal("Canon", TestImages.Inspect(intact).Exif.CameraMake); // the segment being damaged is a real EXIF block
        var random = new Random(11);
        for (var i = 0; i < 40; i++)
        {
            var payload = (byte[])good.Clone();
            for (var k = 0; k < 6; k++) payload[6 + random.Next(payload.Length - 6)] = (byte)random.Next(256);
            var path = _temp.File($"fuzz{i}.jpg");
            File.WriteAllBytes(path, JpegSegments.InsertAfterSoi(TestImages.JpegBytes(64, 48), 0xE1, payload));
            try
            {
                var photo = TestImages.Inspect(path);
                Assert.Equal(64, photo.Width);
            }
            catch (PhotoInputException)
            {
                // A refusal with a stable id is an acceptable outcome; any other exception fails the test.
            }
        }
    }

    private static byte[] ExifSegment()
    {
        using var image = TestImages.Texture(8, 8);
        var exif = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile();
        exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
        exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Make, "Canon");
        exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitude, new[] { new Rational(46, 1), new Rational(33, 1), new Rational(12, 1) });
        return "Exif\0\0"u8.ToArray().Concat(exif.ToByteArray()).ToArray();
    }

    public void Dispose() => _temp.Dispose();
}
