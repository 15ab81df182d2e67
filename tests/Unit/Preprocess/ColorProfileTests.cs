using System.Buffers.Binary;
using System.Text;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using static PhotoCuration.Tests.Support.IccProfileBuilder;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>
/// Embedded RGB matrix/TRC ICC profiles are converted to sRGB (docs/architecture.md#pipeline), checked against a
/// reference computed here in double precision: decode the TRC, M_src → XYZ(D50), XYZ(D50) → linear sRGB
/// with the inverse of the sRGB D50 colorant matrix, clamp, sRGB-encode.
/// </summary>
public sealed class ColorProfileTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    private static readonly Trc SrgbCurve = new SrgbParametric();
    private static readonly CurvGamma Gamma22 = new(2.2);

    public static TheoryData<byte, byte, byte, string> P3Patches => new()
    {
        { 0, 200, 0, "para" },
        { 200, 60, 40, "para" },
        { 40, 120, 220, "para" },
        { 120, 120, 120, "para" },   // neutral grey stays grey
        { 0, 200, 0, "curv" },
        { 200, 60, 40, "curv" },
    };

    [Theory]
    [MemberData(nameof(P3Patches))]
    public void Display_p3_pixels_are_converted_to_srgb(byte r, byte g, byte b, string curveKind)
    {
        Trc curve = curveKind == "curv" ? Gamma22 : SrgbCurve;
        var path = Patch(new Rgb24(r, g, b), Matrix(DisplayP3, curve, "Display P3"));
        var source = DecodedCentre(path); // what the decoder hands over, before any colour management
        var result = _fixture.Run(path);
        Assert.Contains("icc 'Display P3' converted to sRGB", result.ProcessingMethod);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        var expected = Reference(source, DisplayP3, curve);
        TestImages.AssertNear(expected, output[32, 32], 5, $"source {source}");
        // The conversion really moved the colour (when the two gamuts differ for it).
        if (r != g || g != b) Assert.False(TestImages.Near(source, output[32, 32], 2), $"pixels were not converted: {output[32, 32]}");
    }

    [Fact]
    public void A_profile_with_srgb_colorants_and_curves_leaves_the_pixels_alone()
    {
        var colour = new Rgb24(0, 200, 0);
        var tagged = _fixture.Run(Patch(colour, Matrix(Srgb, SrgbCurve, "sRGB IEC61966-2.1")));
        var untagged = _fixture.Run(Patch(colour, null));
        Assert.Contains("icc sRGB", tagged.ProcessingMethod);
        Assert.Contains("no icc profile, assumed sRGB", untagged.ProcessingMethod);
        Assert.Equal(File.ReadAllBytes(untagged.StandardizedPath), File.ReadAllBytes(tagged.StandardizedPath));
    }

    [Fact]
    public void The_reference_is_not_the_identity()
    {
        // Guards the test itself: P3 green is outside sRGB, so the reference must clip red to 0 and lower green.
        var expected = Reference(new Rgb24(0, 200, 0), DisplayP3, SrgbCurve);
        Assert.Equal(0, expected.R);
        Assert.InRange((int)expected.G, 201, 215);
    }

    [Fact]
    public void TryCreate_tells_srgb_from_a_wide_gamut_profile()
    {
        Assert.Equal(IccToSrgbConverter.Outcome.NoProfile, IccToSrgbConverter.TryCreate(null, out _));
        Assert.Equal(IccToSrgbConverter.Outcome.AlreadySrgb, IccToSrgbConverter.TryCreate(IccMatrixProfile.TryParse(Matrix(Srgb, SrgbCurve, "sRGB")), out _));
        Assert.Equal(IccToSrgbConverter.Outcome.Converted, IccToSrgbConverter.TryCreate(IccMatrixProfile.TryParse(Matrix(DisplayP3, SrgbCurve, "P3")), out var converter));
        Assert.NotNull(converter);
        // Same colorants, other curve: still a conversion.
        Assert.Equal(IccToSrgbConverter.Outcome.Converted, IccToSrgbConverter.TryCreate(IccMatrixProfile.TryParse(Matrix(Srgb, Gamma22, "sRGB-ish gamma 2.2")), out _));
    }

    [Fact]
    public void A_matrix_profile_is_parsed_from_its_bytes()
    {
        var profile = IccMatrixProfile.TryParse(Matrix(DisplayP3, SrgbCurve, "Display P3"))!;
        Assert.True(profile.IsRgb);
        Assert.Equal("Display P3", profile.Description);
        var m = profile.ToXyzD50!.Value;
        Assert.Equal(0.5151, m.M11, 3); Assert.Equal(0.2920, m.M12, 3); Assert.Equal(0.1571, m.M13, 3);
        Assert.Equal(0.2412, m.M21, 3); Assert.Equal(0.6922, m.M22, 3); Assert.Equal(0.0666, m.M23, 3);
        Assert.Equal(-0.0011, m.M31, 3); Assert.Equal(0.0419, m.M32, 3); Assert.Equal(0.7841, m.M33, 3);
        var lut = profile.DecodeCurves![1];
        Assert.Equal(0, lut[0]);
        Assert.Equal(1, lut[255], 3);
        Assert.Equal(SrgbDecode(128 / 255.0), lut[128], 3);
    }

    [Fact]
    public void Curv_gamma_identity_and_table_curves_are_read()
    {
        var gamma = IccMatrixProfile.TryParse(Matrix(DisplayP3, Gamma22, "g"))!.DecodeCurves![0];
        Assert.Equal(Math.Pow(128 / 255.0, Gamma22.Stored), gamma[128], 4);
        var identity = IccMatrixProfile.TryParse(Matrix(DisplayP3, new CurvTable(Array.Empty<ushort>()), "id"))!.DecodeCurves![0];
        Assert.Equal(128 / 255.0, identity[128], 4);
        var table = new CurvTable(Enumerable.Range(0, 1024).Select(i => (ushort)Math.Round(SrgbDecode(i / 1023.0) * 65535)).ToArray());
        var tabled = IccMatrixProfile.TryParse(Matrix(DisplayP3, table, "t"))!.DecodeCurves![2];
        Assert.Equal(SrgbDecode(200 / 255.0), tabled[200], 3);
    }

    [Fact]
    public void Profiles_without_a_usable_matrix_are_unsupported_not_guessed()
    {
        var noColorants = IccProfileBuilder.Assemble(new[] { ("rTRC", Curve(SrgbCurve)), ("gTRC", Curve(SrgbCurve)), ("bTRC", Curve(SrgbCurve)), ("desc", Description("no matrix")) });
        var parsed = IccMatrixProfile.TryParse(noColorants)!;
        Assert.Null(parsed.ToXyzD50);
        Assert.Equal(IccToSrgbConverter.Outcome.Unsupported, IccToSrgbConverter.TryCreate(parsed, out _));

        var gray = IccProfileBuilder.Assemble(new[] { ("kTRC", Curve(Gamma22)), ("desc", Description("gray")) }, colorSpace: "GRAY");
        Assert.Equal(IccToSrgbConverter.Outcome.Unsupported, IccToSrgbConverter.TryCreate(IccMatrixProfile.TryParse(gray), out _));
    }

    [Fact]
    public void Truncated_or_foreign_bytes_are_no_profile()
    {
        var good = Matrix(DisplayP3, SrgbCurve, "P3");
        Assert.Null(IccMatrixProfile.TryParse(null));
        Assert.Null(IccMatrixProfile.TryParse(Array.Empty<byte>()));
        Assert.Null(IccMatrixProfile.TryParse(good[..100]));           // shorter than header + tag count
        Assert.Null(IccMatrixProfile.TryParse(good[..(good.Length - 8)])); // shorter than the size it declares
        var noSignature = (byte[])good.Clone();
        noSignature[36] = (byte)'x';
        Assert.Null(IccMatrixProfile.TryParse(noSignature));
        var hugeTagCount = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(hugeTagCount.AsSpan(128), 0x7FFFFFFF);
        Assert.Null(IccMatrixProfile.TryParse(hugeTagCount));
        Assert.Null(IccMatrixProfile.TryParse(Encoding.ASCII.GetBytes(new string('x', 500))));
    }

    [Fact]
    public void A_tag_pointing_past_the_end_is_ignored()
    {
        var bytes = Matrix(DisplayP3, SrgbCurve, "P3");
        // First tag entry (rXYZ): offset far beyond the profile.
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(132 + 4), 0xFFFFFF00);
        var profile = IccMatrixProfile.TryParse(bytes)!;
        Assert.Null(profile.ToXyzD50);
        Assert.Equal("P3", profile.Description);
    }

    [Fact]
    public void Random_damage_never_throws()
    {
        var good = Matrix(DisplayP3, SrgbCurve, "P3");
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var copy = (byte[])good.Clone();
            for (var k = 0; k < 8; k++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
            var cut = copy[..random.Next(1, copy.Length)];
            var profile = IccMatrixProfile.TryParse(random.Next(2) == 0 ? copy : cut);
            IccToSrgbConverter.TryCreate(profile, out _);
        }
    }

    /// <summary>A 'curv' tag that declares one gamma entry but whose tag size (12) leaves no room for it.</summary>
    [Fact]
    public void A_gamma_curve_without_its_value_is_no_curve_not_an_exception()
    {
        var shortCurv = new byte[12];
        Encoding.ASCII.GetBytes("curv").CopyTo(shortCurv, 0);
        BinaryPrimitives.WriteUInt32BigEndian(shortCurv.AsSpan(8), 1);
        var tags = MatrixTags(DisplayP3, SrgbCurve);
        tags[tags.FindIndex(t => t.Sig == "rTRC")] = ("rTRC", shortCurv);
        var bytes = IccProfileBuilder.Assemble(tags);
        var profile = IccMatrixProfile.TryParse(bytes);
        Assert.Null(profile?.DecodeCurves);
    }

    /// <summary>A 'desc' tag whose ASCII count is 0xFFFFFFFF: 12 + count overflows in uint arithmetic.</summary>
    [Fact]
    public void A_description_with_an_overflowing_length_is_no_description_not_an_exception()
    {
        var profile = IccMatrixProfile.TryParse(ProfileWithOverflowingDescription());
        Assert.NotNull(profile);
        Assert.Null(profile!.Description);
        Assert.NotNull(profile.ToXyzD50);
    }

    [Fact]
    public void A_photo_with_a_damaged_profile_is_still_preprocessed()
    {
        var path = Patch(new Rgb24(0, 200, 0), ProfileWithOverflowingDescription());
        var result = _fixture.Run(path);
        Assert.Equal(64, result.StandardizedWidth);
    }

    private static byte[] ProfileWithOverflowingDescription()
    {
        var desc = new byte[16];
        Encoding.ASCII.GetBytes("desc").CopyTo(desc, 0);
        BinaryPrimitives.WriteUInt32BigEndian(desc.AsSpan(8), 0xFFFFFFFF);
        return IccProfileBuilder.Assemble(MatrixTags(DisplayP3, SrgbCurve).Append(("desc", desc)).ToList());
    }

    private string Patch(Rgb24 colour, byte[]? profile)
    {
        using var image = new Image<Rgb24>(64, 64, colour);
        if (profile is not null) image.Metadata.IccProfile = new IccProfile(profile);
        return TestImages.SaveJpeg(image, _fixture.Temp.File(Guid.NewGuid().ToString("N") + ".jpg"), quality: 100);
    }

    private static Rgb24 DecodedCentre(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        return image[32, 32];
    }

    private static double SrgbDecode(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    private static double SrgbEncode(double l) => l <= 0.0031308 ? l * 12.92 : 1.055 * Math.Pow(l, 1 / 2.4) - 0.055;

    /// <summary>Independent reference conversion in double precision.</summary>
    private static Rgb24 Reference(Rgb24 source, double[,] colorants, Trc curve)
    {
        double Decode(byte v) => curve is CurvGamma g ? Math.Pow(v / 255.0, g.Stored) : SrgbDecode(v / 255.0);
        var lin = new[] { Decode(source.R), Decode(source.G), Decode(source.B) };
        var xyz = new double[3];
        for (var i = 0; i < 3; i++) xyz[i] = colorants[i, 0] * lin[0] + colorants[i, 1] * lin[1] + colorants[i, 2] * lin[2];
        var inv = Invert(Srgb);
        byte Byte(double l) => (byte)Math.Round(SrgbEncode(Math.Clamp(l, 0, 1)) * 255);
        var o = new double[3];
        for (var i = 0; i < 3; i++) o[i] = inv[i, 0] * xyz[0] + inv[i, 1] * xyz[1] + inv[i, 2] * xyz[2];
        return new Rgb24(Byte(o[0]), Byte(o[1]), Byte(o[2]));
    }

    /// <summary>3×3 inverse by cofactors.</summary>
    private static double[,] Invert(double[,] m)
    {
        var det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
        {
            int a = (j + 1) % 3, b = (j + 2) % 3, c = (i + 1) % 3, d = (i + 2) % 3;
            r[i, j] = (m[a, c] * m[b, d] - m[a, d] * m[b, c]) / det;
        }
        return r;
    }

    [Fact]
    public void The_reference_inverse_is_an_inverse()
    {
        var inv = Invert(Srgb);
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
        {
            var sum = 0.0;
            for (var k = 0; k < 3; k++) sum += Srgb[i, k] * inv[k, j];
            Assert.Equal(i == j ? 1 : 0, sum, 9);
        }
    }

    public void Dispose() => _fixture.Dispose();
}
