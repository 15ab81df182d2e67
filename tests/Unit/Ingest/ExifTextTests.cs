using PhotoCuration.Engine.Ingest;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>The pure text helpers of ExifReader: cleaning hostile strings and parsing EXIF date parts.</summary>
public sealed class ExifTextTests
{
    [Theory]
    [InlineData("Canon\0\0\0\0", "Canon")]
    [InlineData("  EOS\tR5\r\n ", "EOS R5")]
    [InlineData("a\u0007\u001b[31mb", "a [31mb")]
    [InlineData("line1\n\n\nline2", "line1 line2")]
    [InlineData("Ångström 東京 😀", "Ångström 東京 😀")]
    [InlineData("\0\0\0", "")]
    public void Clean_removes_control_characters_and_padding(string input, string expected) =>
        Assert.Equal(expected, ExifReader.Clean(input));

    [Fact]
    public void Clean_drops_lone_surrogates_that_cannot_be_written_as_utf8()
    {
        var cleaned = ExifReader.Clean("ok\uD800x\uDC00y");
        Assert.Equal("okxy", cleaned);
    }

    [Fact]
    public void Clean_caps_long_text_at_1024_characters()
    {
        Assert.Equal(1024, ExifReader.MaxStringLength);
        Assert.Equal(new string('x', 1024), ExifReader.Clean(new string('x', 1_000_000)));
        Assert.Equal(new string('x', 1000), ExifReader.Clean(new string('x', 1000)));
    }

    /// <summary>
    /// Was an engine bug (fixed): ExifReader.Clean checks the cap before appending, then
    /// appends a surrogate pair as two chars, so text whose 1024th character is an emoji comes out
    /// 1025 characters long.
    /// </summary>
    [Fact]
    public void Clean_never_exceeds_the_cap_even_when_a_surrogate_pair_straddles_it()
    {
        var cleaned = ExifReader.Clean(new string('a', 1023) + "😀😀");
        Assert.True(cleaned.Length <= ExifReader.MaxStringLength, $"length {cleaned.Length}");
    }

    [Theory]
    [InlineData("2024:09:14 08:12:05", 2024, 9, 14, 8, 12, 5)]
    [InlineData("2024-09-14 08:12:05", 2024, 9, 14, 8, 12, 5)]
    [InlineData("2024:09:14T08:12:05", 2024, 9, 14, 8, 12, 5)]
    [InlineData("2024:09:14 08:12:05\0", 2024, 9, 14, 8, 12, 5)]
    [InlineData(" 2024:09:14 08:12 ", 2024, 9, 14, 8, 12, 0)]
    [InlineData("2024:09:14", 2024, 9, 14, 0, 0, 0)]
    public void Exif_dates_in_the_forms_writers_use(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(ExifReader.TryParseExifDate(text, out var value));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), value);
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Theory]
    [InlineData("0000:00:00 00:00:00")]
    [InlineData("    :  :     :  :  ")]
    [InlineData("1899:12:31 23:59:59")]
    [InlineData("2024:02:30 10:00:00")]
    [InlineData("14/09/2024 08:12")]
    [InlineData("")]
    public void Unknown_or_impossible_dates_are_refused(string text) =>
        Assert.False(ExifReader.TryParseExifDate(text, out _));

    [Theory]
    [InlineData("25", 2_500_000L)]
    [InlineData("250", 2_500_000L)]
    [InlineData("0", 0L)]
    [InlineData("000001", 10L)]
    [InlineData("123456789", 1_234_568L)]
    [InlineData("7\0\0", 7_000_000L)]
    [InlineData(" 5 ", 5_000_000L)]
    public void Subseconds_are_decimal_digits(string text, long ticks)
    {
        Assert.True(ExifReader.TryParseSubSeconds(text, out var parsed));
        Assert.Equal(ticks, parsed);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("0.5")]
    [InlineData("٣")]  // Arabic-Indic digit three: a digit, but not an ASCII one
    public void Subseconds_that_are_not_plain_digits_are_refused(string text) =>
        Assert.False(ExifReader.TryParseSubSeconds(text, out _));

    [Theory]
    [InlineData("+00:00", 0)]
    [InlineData("-00:00", 0)]
    [InlineData("+05:45", 345)]
    [InlineData("-12:00", -720)]
    [InlineData("-03:30\0", -210)]
    [InlineData(" +09:00 ", 540)]
    public void Offsets_in_the_exif_form(string text, int minutes)
    {
        Assert.True(ExifReader.TryParseOffset(text, out var offset));
        Assert.Equal(TimeSpan.FromMinutes(minutes), offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Z")]
    [InlineData("+0200")]
    [InlineData("+02:0")]
    [InlineData("+02-00")]
    [InlineData("*02:00")]
    [InlineData("+ab:cd")]
    [InlineData("+-1:00")]
    public void Offsets_in_other_forms_are_refused(string text) =>
        Assert.False(ExifReader.TryParseOffset(text, out _));
}
