using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

public sealed class ExifReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string WriteWithExif(Action<ExifProfile> set)
    {
        using var image = TestImages.Texture(64, 48);
        var exif = new ExifProfile();
        set(exif);
        image.Metadata.ExifProfile = exif;
        return TestImages.SaveJpeg(image, _temp.File(Guid.NewGuid().ToString("N") + ".jpg"));
    }

    [Fact]
    public void Reads_capture_time_with_subseconds_and_offset_and_the_camera_record()
    {
        var path = WriteWithExif(e =>
        {
            e.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
            e.SetValue(ExifTag.SubsecTimeOriginal, "25");
            e.SetValue(ExifTag.OffsetTimeOriginal, "+02:00");
            e.SetValue(ExifTag.Make, "Canon");
            e.SetValue(ExifTag.Model, "Canon EOS R5");
            e.SetValue(ExifTag.SerialNumber, "0123456789");
            e.SetValue(ExifTag.LensModel, "RF24-70mm F2.8 L IS USM");
            e.SetValue(ExifTag.FNumber, new Rational(28, 10));
            e.SetValue(ExifTag.ExposureTime, new Rational(1, 250));
            e.SetValue(ExifTag.ISOSpeedRatings, new ushort[] { 400 });
            e.SetValue(ExifTag.FocalLength, new Rational(50, 1));
            e.SetValue(ExifTag.ExposureBiasValue, new SignedRational(-2, 3));
            e.SetValue(ExifTag.Orientation, (ushort)8);
            e.SetValue(ExifTag.GPSLatitudeRef, "S");
            e.SetValue(ExifTag.GPSLatitude, new[] { new Rational(33, 1), new Rational(51, 1), new Rational(3600, 100) });
            e.SetValue(ExifTag.GPSLongitudeRef, "E");
            e.SetValue(ExifTag.GPSLongitude, new[] { new Rational(151, 1), new Rational(12, 1), new Rational(0, 1) });
        });
        var exif = TestImages.Inspect(path).Exif;
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5, 250), exif.CaptureTimeLocal);
        Assert.Equal(TimeSpan.FromHours(2), exif.CaptureOffset);
        Assert.Equal(new DateTimeOffset(2024, 9, 14, 8, 12, 5, 250, TimeSpan.FromHours(2)), exif.CaptureTime);
        Assert.Equal("DateTimeOriginal", exif.CaptureTimeSource);
        Assert.Equal("Canon EOS R5", exif.Camera);
        Assert.Equal("0123456789", exif.BodySerial);
        Assert.Equal("RF24-70mm F2.8 L IS USM", exif.LensModel);
        Assert.Equal(2.8, exif.FNumber);
        Assert.Equal(0.004, exif.ExposureTime);
        Assert.Equal(400, exif.Iso);
        Assert.Equal(50, exif.FocalLength);
        Assert.Equal(-0.666667, exif.ExposureBias!.Value, 5);
        Assert.Equal(8, exif.Orientation);
        Assert.Equal(-33.86, exif.GpsLatitude!.Value, 3);
        Assert.Equal(151.2, exif.GpsLongitude!.Value, 3);
        Assert.Equal("1/250 s f/2.8 ISO 400", exif.Exposure);
        Assert.Empty(exif.Warnings);
    }

    [Fact]
    public void An_all_zero_date_is_unknown_and_said_so()
    {
        var path = WriteWithExif(e => e.SetValue(ExifTag.DateTimeOriginal, "0000:00:00 00:00:00"));
        var exif = TestImages.Inspect(path).Exif;
        Assert.Null(exif.CaptureTimeLocal);
        Assert.Contains(exif.Warnings, w => w.Contains("DateTimeOriginal"));
    }

    [Fact]
    public void Falls_back_to_the_modification_date_when_there_is_no_original()
    {
        var path = WriteWithExif(e => e.SetValue(ExifTag.DateTime, "2023:01:02 03:04:05"));
        var exif = TestImages.Inspect(path).Exif;
        Assert.Equal(new DateTime(2023, 1, 2, 3, 4, 5), exif.CaptureTimeLocal);
        Assert.Equal("DateTime", exif.CaptureTimeSource);
        Assert.Null(exif.CaptureOffset);
    }

    [Fact]
    public void Hostile_strings_are_cleaned_and_capped()
    {
        var path = WriteWithExif(e => e.SetValue(ExifTag.ImageDescription, "line1\r\nline2\u0007<script>" + new string('x', 5000)));
        var description = TestImages.Inspect(path).Exif.ImageDescription!;
        Assert.StartsWith("line1 line2 <script>", description);
        Assert.Equal(ExifReader.MaxStringLength, description.Length);
        Assert.DoesNotContain(description, char.IsControl);
    }

    [Fact]
    public void A_file_without_exif_has_empty_metadata_and_no_warnings()
    {
        var path = TestImages.WriteJpeg(_temp.File("plain.jpg"));
        var exif = TestImages.Inspect(path).Exif;
        Assert.Null(exif.CaptureTimeLocal);
        Assert.Null(exif.Orientation);
        Assert.Empty(exif.Warnings);
    }

    [Theory]
    [InlineData("45", 4_500_000L)]
    [InlineData("045", 450_000L)]
    [InlineData("5  ", 5_000_000L)]
    public void Subseconds_are_decimal_fractions(string text, long ticks)
    {
        Assert.True(ExifReader.TryParseSubSeconds(text, out var parsed));
        Assert.Equal(ticks, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4a")]
    [InlineData("1234567890")]
    public void Invalid_subseconds_are_refused(string text) => Assert.False(ExifReader.TryParseSubSeconds(text, out _));

    [Theory]
    [InlineData("+02:00", 120)]
    [InlineData("-05:30", -330)]
    [InlineData("+14:00", 840)]
    public void Offsets_parse(string text, int minutes)
    {
        Assert.True(ExifReader.TryParseOffset(text, out var offset));
        Assert.Equal(TimeSpan.FromMinutes(minutes), offset);
    }

    [Theory]
    [InlineData("02:00")]
    [InlineData("+2:00")]
    [InlineData("+15:00")]
    [InlineData("+02:60")]
    public void Bad_offsets_are_refused(string text) => Assert.False(ExifReader.TryParseOffset(text, out _));

    public void Dispose() => _temp.Dispose();
}
