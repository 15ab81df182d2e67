using System.Buffers.Binary;
using System.Text;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>
/// IccMatrixProfile.TryParse on hand-built profiles: what it reads from a good one, and that every
/// malformed one yields null or an unusable profile, never an exception ("a hostile profile yields
/// 'not usable', never an exception").
/// </summary>
public sealed class IccParsingTests
{
    private static byte[] P3Para() => IccBuilder.MatrixProfile(IccBuilder.DisplayP3, IccBuilder.ParaSrgb(), "Display P3");

    private static double SrgbDecode(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    [Fact]
    public void A_display_p3_profile_gives_its_colorants_curves_and_name()
    {
        var profile = IccMatrixProfile.TryParse(P3Para())!;
        Assert.NotNull(profile);
        Assert.Equal("RGB ", profile.ColorSpace);
        Assert.True(profile.IsRgb);
        Assert.Equal("Display P3", profile.Description);
        var m = profile.ToXyzD50!.Value;
        Assert.Equal(0.5151, m.M11, 4); Assert.Equal(0.2920, m.M12, 4); Assert.Equal(0.1571, m.M13, 4);
        Assert.Equal(0.2412, m.M21, 4); Assert.Equal(0.6922, m.M22, 4); Assert.Equal(0.0666, m.M23, 4);
        Assert.Equal(-0.0011, m.M31, 4); Assert.Equal(0.0419, m.M32, 4); Assert.Equal(0.7841, m.M33, 4);
        Assert.Equal(3, profile.DecodeCurves!.Length);
        foreach (var i in new[] { 0, 5, 10, 11, 64, 128, 200, 255 })
        {
            Assert.Equal(SrgbDecode(i / 255.0), profile.DecodeCurves[1][i], 3);
        }
    }

    [Fact]
    public void Curv_gamma_identity_and_table_curves_are_read()
    {
        var gamma = IccMatrixProfile.TryParse(IccBuilder.MatrixProfile(IccBuilder.DisplayP3, IccBuilder.CurvGamma(2.2), "g"))!;
        var encodedGamma = Math.Round(2.2 * 256) / 256; // u8Fixed8Number, as stored
        Assert.Equal(Math.Pow(128 / 255.0, encodedGamma), gamma.DecodeCurves![0][128], 4);

        var identity = new byte[12];
        Encoding.ASCII.GetBytes("curv").CopyTo(identity, 0);
        var linear = IccMatrixProfile.TryParse(IccBuilder.MatrixProfile(IccBuilder.DisplayP3, identity, "id"))!;
        Assert.Equal(100 / 255.0, linear.DecodeCurves![2][100], 5);

        var table = new byte[12 + 3 * 2];
        Encoding.ASCII.GetBytes("curv").CopyTo(table, 0);
        BinaryPrimitives.WriteUInt32BigEndian(table.AsSpan(8), 3);
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(12), 0);
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(14), 16384);  // 0.25 at the midpoint
        BinaryPrimitives.WriteUInt16BigEndian(table.AsSpan(16), 65535);
        var sampled = IccMatrixProfile.TryParse(IccBuilder.MatrixProfile(IccBuilder.DisplayP3, table, "t"))!;
        Assert.Equal(0.0, sampled.DecodeCurves![0][0], 5);
        Assert.Equal(0.25, sampled.DecodeCurves[0][255 / 2], 2);
        Assert.Equal(1.0, sampled.DecodeCurves[0][255], 5);
    }

    [Fact]
    public void A_v4_mluc_description_is_read()
    {
        var profile = IccBuilder.Profile("RGB ", new[] { ("desc", IccBuilder.Mluc("Display P3 — Apple")) });
        Assert.Equal("Display P3 — Apple", IccMatrixProfile.TryParse(profile)!.Description);
    }

    [Fact]
    public void Too_short_unsigned_or_oversized_headers_are_not_profiles()
    {
        var good = P3Para();
        Assert.Null(IccMatrixProfile.TryParse(null));
        Assert.Null(IccMatrixProfile.TryParse(Array.Empty<byte>()));
        Assert.Null(IccMatrixProfile.TryParse(good[..131]));

        var unsigned = (byte[])good.Clone();
        unsigned[36] = (byte)'x';                                       // 'acsp' signature missing
        Assert.Null(IccMatrixProfile.TryParse(unsigned));

        var oversized = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(oversized, (uint)good.Length + 1);  // declares more bytes than there are
        Assert.Null(IccMatrixProfile.TryParse(oversized));

        var manyTags = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(manyTags.AsSpan(128), 1001);
        Assert.Null(IccMatrixProfile.TryParse(manyTags));

        var tableBeyondEnd = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(tableBeyondEnd.AsSpan(128), 900);  // 900 × 12 bytes of table do not fit
        Assert.Null(IccMatrixProfile.TryParse(tableBeyondEnd));
    }

    [Fact]
    public void A_tag_pointing_outside_the_profile_is_ignored_and_the_profile_is_not_convertible()
    {
        var profile = P3Para();
        // Entry 2 of the table is bXYZ: point it far past the end.
        BinaryPrimitives.WriteUInt32BigEndian(profile.AsSpan(132 + 2 * 12 + 4), 0x7FFFFFF0);
        var parsed = IccMatrixProfile.TryParse(profile)!;
        Assert.NotNull(parsed);
        Assert.Null(parsed.ToXyzD50);
        Assert.NotNull(parsed.DecodeCurves);
        Assert.Equal(IccToSrgbConverter.Outcome.Unsupported, IccToSrgbConverter.TryCreate(parsed, out var converter));
        Assert.Null(converter);
    }

    public static TheoryData<string, byte[]> BadCurves()
    {
        byte[] Curve(string type, uint countOrType, int length)
        {
            var t = new byte[length];
            Encoding.ASCII.GetBytes(type).CopyTo(t, 0);
            if (type == "para") BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(8), (ushort)countOrType);
            else BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(8), countOrType);
            return t;
        }
        var nan = Curve("para", 1, 24);                  // g = 2.4, a = -1, b = 0: pow of a negative base
        BinaryPrimitives.WriteInt32BigEndian(nan.AsSpan(12), (int)(2.4 * 65536));
        BinaryPrimitives.WriteInt32BigEndian(nan.AsSpan(16), -65536);
        return new TheoryData<string, byte[]>
        {
            { "curv with 70000 entries", Curve("curv", 70000, 12 + 140000) },
            { "curv table longer than its tag", Curve("curv", 1000, 12 + 20) },
            { "para function type 5", Curve("para", 5, 40) },
            { "para type 4 without its 7 parameters", Curve("para", 4, 12 + 5 * 4) },
            { "para giving NaN", nan },
            { "unknown curve type", Curve("sf32", 0, 40) },
        };
    }

    [Theory]
    [MemberData(nameof(BadCurves))]
    public void An_unreadable_curve_makes_the_profile_unsupported(string why, byte[] trc)
    {
        var parsed = IccMatrixProfile.TryParse(IccBuilder.MatrixProfile(IccBuilder.DisplayP3, trc, why));
        Assert.NotNull(parsed);
        Assert.Null(parsed!.DecodeCurves);
        Assert.Equal(IccToSrgbConverter.Outcome.Unsupported, IccToSrgbConverter.TryCreate(parsed, out _));
    }

    /// <summary>
    /// Was an engine bug (fixed): a 'curv' tag with count 1 reads its u8Fixed8 gamma at bytes
    /// 12–13 without checking the tag is that long. A 12-byte curv tag (legal table entry, size ≥ 8) makes
    /// IccMatrixProfile.TryParse throw ArgumentOutOfRangeException, which Preprocessor.ConvertToSrgb does
    /// not catch: the photo fails with an unexpected exception instead of "not convertible, pixels kept".
    /// </summary>
    [Fact]
    public void A_gamma_curve_cut_before_its_value_does_not_throw()
    {
        var cut = IccBuilder.CurvGamma(2.2)[..12];
        var parsed = IccMatrixProfile.TryParse(IccBuilder.MatrixProfile(IccBuilder.DisplayP3, cut, "cut gamma"));
        Assert.Null(parsed?.DecodeCurves);
    }

    /// <summary>
    /// Was an engine bug (fixed): ReadDescription checks <c>12 + length &gt; t.Length</c> with
    /// <c>length</c> a uint, so the constant 12 is added as uint and a length near 2^32 wraps to a small
    /// number; <c>t.Slice(12, (int)length)</c> then throws ArgumentOutOfRangeException out of TryParse.
    /// </summary>
    [Fact]
    public void A_text_description_longer_than_its_tag_is_dropped()
    {
        var desc = IccBuilder.Desc("Display P3");
        BinaryPrimitives.WriteUInt32BigEndian(desc.AsSpan(8), uint.MaxValue - 4);
        var parsed = IccMatrixProfile.TryParse(IccBuilder.Profile("RGB ", new[] { ("desc", desc) }));
        Assert.NotNull(parsed);
        Assert.Null(parsed!.Description);
    }

    [Fact]
    public void Every_truncation_of_a_good_profile_parses_without_throwing()
    {
        var good = P3Para();
        for (var length = 0; length <= good.Length; length++)
        {
            var cut = good[..length];
            // Also with the header's size field agreeing with the cut, so parsing goes past the header check.
            if (length >= 4) BinaryPrimitives.WriteUInt32BigEndian(cut, (uint)length);
            var parsed = IccMatrixProfile.TryParse(cut);
            IccToSrgbConverter.TryCreate(parsed, out _);
        }
    }

    [Fact]
    public void Every_single_byte_change_of_a_good_profile_parses_without_throwing()
    {
        var good = P3Para();
        var failures = new List<string>();
        foreach (var value in new byte[] { 0x00, 0x01, 0x0C, 0x7F, 0x80, 0xFF })
        {
            for (var i = 0; i < good.Length; i++)
            {
                var copy = (byte[])good.Clone();
                copy[i] = value;
                try
                {
                    IccToSrgbConverter.TryCreate(IccMatrixProfile.TryParse(copy), out _);
                }
                catch (Exception ex)
                {
                    failures.Add($"byte {i} = 0x{value:X2}: {ex.GetType().Name}");
                }
            }
        }
        Assert.Empty(failures);
    }
}
