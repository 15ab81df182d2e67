using System.Text;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>EXIF as ingest records it: written with ImageSharp's ExifProfile, read back through the inspector.</summary>
public sealed class ExifReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private PhotoExif ReadBack(Action<ExifProfile> set)
    {
        using var image = TestImages.Texture(64, 48);
        var exif = new ExifProfile();
        set(exif);
        image.Metadata.ExifProfile = exif;
        var path = TestImages.SaveJpeg(image, _temp.File(Guid.NewGuid().ToString("N") + ".jpg"));
        return TestImages.Inspect(path).Exif;
    }

    [Fact]
    public void Reads_capture_time_with_subseconds_and_offset_and_the_camera_record()
    {
        var exif = ReadBack(e =>
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
        });
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5, 250), exif.CaptureTimeLocal);
        Assert.Equal(TimeSpan.FromHours(2), exif.CaptureOffset);
        Assert.Equal(new DateTimeOffset(2024, 9, 14, 8, 12, 5, 250, TimeSpan.FromHours(2)), exif.CaptureTime);
        Assert.Equal("DateTimeOriginal", exif.CaptureTimeSource);
        Assert.Equal("Canon", exif.CameraMake);
        Assert.Equal("Canon EOS R5", exif.CameraModel);
        Assert.Equal("Canon EOS R5", exif.Camera); // the make is not repeated when the model carries it
        Assert.Equal("0123456789", exif.BodySerial);
        Assert.Equal("RF24-70mm F2.8 L IS USM", exif.LensModel);
        Assert.Equal(2.8, exif.FNumber);
        Assert.Equal(0.004, exif.ExposureTime);
        Assert.Equal(400, exif.Iso);
        Assert.Equal(50, exif.FocalLength);
        Assert.Equal(-0.666667, exif.ExposureBias!.Value, 5);
        Assert.Equal(8, exif.Orientation);
        Assert.Equal("1/250 s f/2.8 ISO 400", exif.Exposure);
        Assert.Empty(exif.Warnings);
    }

    [Fact]
    public void Gps_is_decimal_degrees_signed_by_hemisphere()
    {
        var exif = ReadBack(e =>
        {
            e.SetValue(ExifTag.GPSLatitudeRef, "S");
            e.SetValue(ExifTag.GPSLatitude, new[] { new Rational(33, 1), new Rational(51, 1), new Rational(3600, 100) });
            e.SetValue(ExifTag.GPSLongitudeRef, "W");
            e.SetValue(ExifTag.GPSLongitude, new[] { new Rational(151, 1), new Rational(12, 1), new Rational(1530, 100) });
            e.SetValue(ExifTag.GPSAltitudeRef, (byte)1);
            e.SetValue(ExifTag.GPSAltitude, new Rational(2505, 10));
        });
        // 33° 51' 36" = 33 + 51/60 + 36/3600; 151° 12' 15.3" = 151 + 12/60 + 15.3/3600.
        Assert.Equal(-(33 + 51 / 60.0 + 36 / 3600.0), exif.GpsLatitude!.Value, 6);
        Assert.Equal(-(151 + 12 / 60.0 + 15.3 / 3600.0), exif.GpsLongitude!.Value, 6);
        Assert.Equal(-250.5, exif.GpsAltitude);
    }

    [Fact]
    public void The_modification_date_is_the_fallback_with_its_own_subseconds_and_offset()
    {
        var exif = ReadBack(e =>
        {
            e.SetValue(ExifTag.DateTime, "2023:01:02 03:04:05");
            e.SetValue(ExifTag.SubsecTime, "5");
            e.SetValue(ExifTag.OffsetTime, "-05:30");
        });
        Assert.Equal(new DateTime(2023, 1, 2, 3, 4, 5, 500), exif.CaptureTimeLocal);
        Assert.Equal("DateTime", exif.CaptureTimeSource);
        Assert.Equal(TimeSpan.FromMinutes(-330), exif.CaptureOffset);
    }

    [Fact]
    public void An_all_zero_date_is_unknown_and_said_so()
    {
        var exif = ReadBack(e => e.SetValue(ExifTag.DateTimeOriginal, "0000:00:00 00:00:00"));
        Assert.Null(exif.CaptureTimeLocal);
        Assert.Null(exif.CaptureTimeSource);
        Assert.Contains(exif.Warnings, w => w.Contains("DateTimeOriginal") && w.Contains("0000:00:00"));
    }

    [Fact]
    public void An_invalid_original_date_falls_through_to_the_next_source()
    {
        var exif = ReadBack(e =>
        {
            e.SetValue(ExifTag.DateTimeOriginal, "2024:02:30 10:00:00");
            e.SetValue(ExifTag.DateTimeDigitized, "2024:02:28 10:00:00");
        });
        Assert.Equal(new DateTime(2024, 2, 28, 10, 0, 0), exif.CaptureTimeLocal);
        Assert.Equal("DateTimeDigitized", exif.CaptureTimeSource);
        Assert.Contains(exif.Warnings, w => w.Contains("2024:02:30"));
    }

    [Fact]
    public void A_malformed_offset_is_a_warning_not_a_guess()
    {
        var exif = ReadBack(e =>
        {
            e.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
            e.SetValue(ExifTag.OffsetTimeOriginal, "UTC+2");
        });
        Assert.Equal(new DateTime(2024, 9, 14, 8, 12, 5), exif.CaptureTimeLocal);
        Assert.Null(exif.CaptureOffset);
        Assert.Contains(exif.Warnings, w => w.Contains("UTC+2"));
    }

    [Fact]
    public void An_orientation_outside_1_to_8_is_dropped_with_a_warning()
    {
        var exif = ReadBack(e => e.SetValue(ExifTag.Orientation, (ushort)9));
        Assert.Null(exif.Orientation);
        Assert.Contains(exif.Warnings, w => w.Contains("Orientation value 9"));
    }

    [Fact]
    public void Zero_exposure_values_from_broken_writers_are_dropped()
    {
        var exif = ReadBack(e =>
        {
            e.SetValue(ExifTag.FNumber, new Rational(0, 10));
            e.SetValue(ExifTag.ExposureTime, new Rational(0, 1));
            e.SetValue(ExifTag.ISOSpeedRatings, new ushort[] { 0 });
        });
        Assert.Null(exif.FNumber);
        Assert.Null(exif.ExposureTime);
        Assert.Null(exif.Iso);
    }

    [Fact]
    public void Hostile_strings_are_cleaned_and_capped()
    {
        var exif = ReadBack(e => e.SetValue(ExifTag.ImageDescription, "line1\r\nline2\u0007<script>" + new string('x', 5000)));
        var description = exif.ImageDescription!;
        Assert.StartsWith("line1 line2 <script>", description);
        Assert.Equal(ExifReader.MaxStringLength, description.Length);
        Assert.DoesNotContain(description, char.IsControl);
    }

    [Fact]
    public void A_file_without_exif_has_empty_metadata_and_no_warnings()
    {
        var exif = TestImages.Inspect(TestImages.WriteJpeg(_temp.File("plain.jpg"))).Exif;
        Assert.Null(exif.CaptureTimeLocal);
        Assert.Null(exif.Orientation);
        Assert.Null(exif.CameraMake);
        Assert.Empty(exif.Warnings);
    }

    [Fact]
    public void A_stream_that_is_no_image_gives_a_warning_not_an_exception()
    {
        var exif = ExifReader.Read(new MemoryStream(Encoding.ASCII.GetBytes("definitely not a photo")));
        Assert.Null(exif.CaptureTimeLocal);
        Assert.Single(exif.Warnings);
        Assert.StartsWith("Metadata could not be read", exif.Warnings[0]);
    }

    [Theory]
    [InlineData("Canon\0\0\0\0", "Canon")]
    [InlineData("  NIKON  CORPORATION  ", "NIKON CORPORATION")]
    [InlineData("a\tb\r\nc\u0001d", "a b c d")]
    [InlineData("Müller 写真", "Müller 写真")]
    [InlineData("\u0000\u0001\u0002", "")]
    [InlineData("smile \U0001F600", "smile \U0001F600")]
    public void Clean_strips_control_characters_and_folds_whitespace(string raw, string expected) =>
        Assert.Equal(expected, ExifReader.Clean(raw));

    [Fact]
    public void Clean_drops_a_lone_surrogate_which_cannot_be_written_as_utf8()
    {
        // Built at run time: xunit would replace a lone surrogate in [InlineData] while serializing it.
        var raw = "x" + (char)0xD800 + "y" + (char)0xDC00;
        Assert.Equal("xy", ExifReader.Clean(raw));
    }

    [Fact]
    public void Clean_caps_at_the_maximum_length()
    {
        Assert.Equal(ExifReader.MaxStringLength, ExifReader.Clean(new string('a', 100_000)).Length);
        Assert.Equal(1024, ExifReader.MaxStringLength);
    }

    /// <summary>A surrogate pair that starts at the last allowed position must not push the text past the cap.</summary>
    [Fact]
    public void Clean_never_exceeds_the_cap_with_a_surrogate_pair_at_the_boundary()
    {
        var cleaned = ExifReader.Clean(new string('a', ExifReader.MaxStringLength - 1) + "\U0001F600 tail");
        Assert.True(cleaned.Length <= ExifReader.MaxStringLength, $"length {cleaned.Length}");
        Assert.False(char.IsHighSurrogate(cleaned[^1]), "a pair must not be cut in half either");
    }

    [Theory]
    [InlineData("2024:09:14 08:12:05", 2024, 9, 14, 8, 12, 5)]
    [InlineData("2024-09-14 08:12:05", 2024, 9, 14, 8, 12, 5)]
    [InlineData("2024:09:14T08:12:05", 2024, 9, 14, 8, 12, 5)]
    [InlineData(" 2024:09:14 08:12:05\0", 2024, 9, 14, 8, 12, 5)]
    [InlineData("2024:09:14 08:12", 2024, 9, 14, 8, 12, 0)]
    [InlineData("2024:09:14", 2024, 9, 14, 0, 0, 0)]
    public void Exif_dates_parse(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(ExifReader.TryParseExifDate(text, out var value));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), value);
    }

    [Theory]
    [InlineData("0000:00:00 00:00:00")]
    [InlineData("    :  :     :  :  ")]
    [InlineData("1899:12:31 23:59:59")]
    [InlineData("2024:13:01 00:00:00")]
    [InlineData("2024:02:30 00:00:00")]
    [InlineData("yesterday")]
    public void Unknown_or_impossible_dates_are_refused(string text) =>
        Assert.False(ExifReader.TryParseExifDate(text, out _));

    [Theory]
    [InlineData("45", 4_500_000L)]
    [InlineData("045", 450_000L)]
    [InlineData("5  ", 5_000_000L)]
    [InlineData("25\0", 2_500_000L)]
    [InlineData("0", 0L)]
    [InlineData("1234567", 1_234_567L)]
    [InlineData("123456789", 1_234_568L)] // nanoseconds round to the nearest 100 ns tick
    public void Subseconds_are_decimal_fractions(string text, long ticks)
    {
        Assert.True(ExifReader.TryParseSubSeconds(text, out var parsed));
        Assert.Equal(ticks, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("4a")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1234567890")]
    public void Invalid_subseconds_are_refused(string text) => Assert.False(ExifReader.TryParseSubSeconds(text, out _));

    [Theory]
    [InlineData("+02:00", 120)]
    [InlineData("-05:30", -330)]
    [InlineData("+14:00", 840)]
    [InlineData("-00:00", 0)]
    [InlineData(" +05:45\0", 345)]
    public void Offsets_parse(string text, int minutes)
    {
        Assert.True(ExifReader.TryParseOffset(text, out var offset));
        Assert.Equal(TimeSpan.FromMinutes(minutes), offset);
    }

    [Theory]
    [InlineData("02:00")]
    [InlineData("+2:00")]
    [InlineData("+0200")]
    [InlineData("+15:00")]
    [InlineData("+02:60")]
    [InlineData("+a2:00")]
    [InlineData("Z")]
    [InlineData("")]
    public void Bad_offsets_are_refused(string text) => Assert.False(ExifReader.TryParseOffset(text, out _));

    public void Dispose() => _temp.Dispose();
}
