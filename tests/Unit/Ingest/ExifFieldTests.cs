using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>EXIF written by ImageSharp's ExifProfile into a real JPEG, read back through PhotoInspector.</summary>
public sealed class ExifFieldTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private PhotoExif Read(Action<ExifProfile> set)
    {
        using var image = TestImages.Texture(64, 48);
        image.Metadata.ExifProfile = new ExifProfile();
        set(image.Metadata.ExifProfile);
        var path = TestImages.SaveJpeg(image, _temp.File(Guid.NewGuid().ToString("N") + ".jpg"));
        return TestImages.Inspect(path).Exif;
    }

    [Fact]
    public void The_spec_example_capture_is_read_with_camera_exposure_and_position()
    {
        var exif = Read(e =>
        {
            e.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
            e.SetValue(ExifTag.SubsecTimeOriginal, "25");
            e.SetValue(ExifTag.OffsetTimeOriginal, "+02:00");
            e.SetValue(ExifTag.Make, "FUJIFILM");
            e.SetValue(ExifTag.Model, "X-T5");
            e.SetValue(ExifTag.FNumber, new Rational(56, 10));
            e.SetValue(ExifTag.ExposureTime, new Rational(1, 1000));
            e.SetValue(ExifTag.ISOSpeedRatings, new ushort[] { 125 });
            e.SetValue(ExifTag.Orientation, (ushort)6);
            e.SetValue(ExifTag.GPSLatitudeRef, "N");
            e.SetValue(ExifTag.GPSLatitude, new[] { new Rational(48, 1), new Rational(51, 1), new Rational(2988, 100) });
            e.SetValue(ExifTag.GPSLongitudeRef, "W");
            e.SetValue(ExifTag.GPSLongitude, new[] { new Rational(2, 1), new Rational(17, 1), new Rational(4020, 100) });
            e.SetValue(ExifTag.GPSAltitudeRef, (byte)0);
            e.SetValue(ExifTag.GPSAltitude, new Rational(3512, 10));
        });
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5).AddTicks(2_500_000), exif.CaptureTimeLocal);
        Assert.Equal(250, exif.CaptureTimeLocal!.Value.Millisecond);
        Assert.Equal(TimeSpan.FromHours(2), exif.CaptureOffset);
        Assert.Equal(new DateTimeOffset(2024, 9, 14, 6, 12, 5, 250, TimeSpan.Zero), exif.CaptureTime!.Value.ToUniversalTime());
        Assert.Equal("FUJIFILM", exif.CameraMake);
        Assert.Equal("X-T5", exif.CameraModel);
        Assert.Equal(5.6, exif.FNumber);
        Assert.Equal(0.001, exif.ExposureTime);
        Assert.Equal(125, exif.Iso);
        Assert.Equal(6, exif.Orientation);
        // 48°51'29.88" N, 2°17'40.20" W  →  48.8583, -2.2945 (decimal degrees, west negative)
        Assert.Equal(48.8583, exif.GpsLatitude!.Value, 4);
        Assert.Equal(-2.2945, exif.GpsLongitude!.Value, 4);
        Assert.Equal(351.2, exif.GpsAltitude);
        Assert.Empty(exif.Warnings);
    }

    [Fact]
    public void Altitude_below_sea_level_is_negative()
    {
        var exif = Read(e =>
        {
            e.SetValue(ExifTag.GPSAltitudeRef, (byte)1);
            e.SetValue(ExifTag.GPSAltitude, new Rational(4305, 10));
        });
        Assert.Equal(-430.5, exif.GpsAltitude);
    }

    [Fact]
    public void A_gps_position_of_exactly_zero_is_a_broken_writer_not_the_gulf_of_guinea()
    {
        var exif = Read(e =>
        {
            e.SetValue(ExifTag.GPSLatitudeRef, "N");
            e.SetValue(ExifTag.GPSLatitude, new[] { new Rational(0, 1), new Rational(0, 1), new Rational(0, 1) });
            e.SetValue(ExifTag.GPSLongitudeRef, "E");
            e.SetValue(ExifTag.GPSLongitude, new[] { new Rational(0, 1), new Rational(0, 1), new Rational(0, 1) });
        });
        Assert.Null(exif.GpsLatitude);
        Assert.Null(exif.GpsLongitude);
    }

    [Fact]
    public void An_orientation_outside_1_to_8_is_ignored_with_a_warning()
    {
        var exif = Read(e => e.SetValue(ExifTag.Orientation, (ushort)9));
        Assert.Null(exif.Orientation);
        Assert.Contains(exif.Warnings, w => w.Contains("Orientation value 9"));
    }

    [Fact]
    public void Zero_exposure_values_from_broken_writers_are_dropped()
    {
        var exif = Read(e =>
        {
            e.SetValue(ExifTag.FNumber, new Rational(0, 1));
            e.SetValue(ExifTag.ExposureTime, new Rational(1, 0));
            e.SetValue(ExifTag.FocalLength, new Rational(0, 10));
            e.SetValue(ExifTag.ISOSpeedRatings, new ushort[] { 0 });
        });
        Assert.Null(exif.FNumber);
        Assert.Null(exif.ExposureTime);
        Assert.Null(exif.FocalLength);
        Assert.Null(exif.Iso);
    }

    [Theory]
    [InlineData("0000:00:00 00:00:00")]
    [InlineData("    :  :     :  :  ")]
    [InlineData("2024:13:40 25:61:61")]
    public void An_invalid_original_date_is_null_and_warned(string text)
    {
        var exif = Read(e => e.SetValue(ExifTag.DateTimeOriginal, text));
        Assert.Null(exif.CaptureTimeLocal);
        Assert.Null(exif.CaptureTimeSource);
        Assert.Contains(exif.Warnings, w => w.Contains("DateTimeOriginal") && w.Contains("not a valid EXIF date"));
    }

    [Fact]
    public void An_invalid_original_falls_back_to_the_digitized_time_with_its_own_subseconds()
    {
        var exif = Read(e =>
        {
            e.SetValue(ExifTag.DateTimeOriginal, "0000:00:00 00:00:00");
            e.SetValue(ExifTag.DateTimeDigitized, "2024:09:14 08:12:05");
            e.SetValue(ExifTag.SubsecTimeDigitized, "007");
            e.SetValue(ExifTag.OffsetTimeDigitized, "-05:30");
        });
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5, 7), exif.CaptureTimeLocal);
        Assert.Equal("DateTimeDigitized", exif.CaptureTimeSource);
        Assert.Equal(TimeSpan.FromMinutes(-330), exif.CaptureOffset);
        Assert.Single(exif.Warnings);
    }

    [Fact]
    public void A_malformed_offset_leaves_the_local_time_and_is_warned()
    {
        var exif = Read(e =>
        {
            e.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
            e.SetValue(ExifTag.OffsetTimeOriginal, "CEST");
        });
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5), exif.CaptureTimeLocal);
        Assert.Null(exif.CaptureOffset);
        Assert.Null(exif.CaptureTime);
        Assert.Contains(exif.Warnings, w => w.Contains("'CEST'"));
    }

    [Fact]
    public void Unparseable_subseconds_are_ignored_not_guessed()
    {
        var exif = Read(e =>
        {
            e.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
            e.SetValue(ExifTag.SubsecTimeOriginal, "ab");
        });
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5), exif.CaptureTimeLocal);
    }

    [Fact]
    public void Exif_is_read_from_png_too()
    {
        using var image = TestImages.Texture(64, 48);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
        image.Metadata.ExifProfile.SetValue(ExifTag.Model, "Pixel 8");
        var path = _temp.File("screenshot.png");
        image.SaveAsPng(path);
        var exif = TestImages.Inspect(path).Exif;
        Assert.Equal("Pixel 8", exif.CameraModel);
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5), exif.CaptureTimeLocal);
    }

    public void Dispose() => _temp.Dispose();
}
