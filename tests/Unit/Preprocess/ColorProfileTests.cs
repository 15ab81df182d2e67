using System.Buffers.Binary;
using System.Text;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

public sealed class ColorProfileTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    // D50-adapted colorants (ICC rXYZ/gXYZ/bXYZ) of Display P3 and of sRGB IEC61966-2.1.
    private static readonly double[,] P3 = { { 0.5151, 0.2920, 0.1571 }, { 0.2412, 0.6922, 0.0666 }, { -0.0011, 0.0419, 0.7841 } };
    private static readonly double[,] Srgb = { { 0.4360747, 0.3850649, 0.1430804 }, { 0.2225045, 0.7168786, 0.0606169 }, { 0.0139322, 0.0971045, 0.7141733 } };

    [Theory]
    [InlineData(60, 200, 90)]   // → sRGB ≈ (0, 203, 73)
    [InlineData(40, 120, 220)]  // → sRGB ≈ (0, 122, 227)
    [InlineData(200, 60, 40)]   // → sRGB ≈ (217, 42, 23)
    [InlineData(120, 120, 120)] // neutral grey stays grey
    public void Display_p3_pixels_are_converted_to_srgb(byte r, byte g, byte b)
    {
        var path = Patch(new Rgb24(r, g, b), MatrixProfile(P3, "Display P3"));
        var result = _fixture.Run(path);
        Assert.Contains("icc 'Display P3' converted to sRGB", result.ProcessingMethod);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        var expected = ExpectedSrgb(r, g, b);
        var actual = output[32, 32];
        const int Tolerance = 6;
        Assert.True(Math.Abs(expected.R - actual.R) <= Tolerance && Math.Abs(expected.G - actual.G) <= Tolerance && Math.Abs(expected.B - actual.B) <= Tolerance,
            $"expected {expected}, got {actual}");
    }

    [Fact]
    public void A_profile_that_is_srgb_leaves_pixels_alone()
    {
        var path = Patch(new Rgb24(0, 200, 0), MatrixProfile(Srgb, "sRGB IEC61966-2.1"));
        var result = _fixture.Run(path);
        Assert.Contains("icc sRGB", result.ProcessingMethod);
        using var output = PreprocessFixture.Load(result.StandardizedPath);
        Assert.InRange(output[32, 32].G, 194, 206);
        Assert.InRange(output[32, 32].R, 0, 8);
    }

    [Fact]
    public void Damaged_profiles_never_throw()
    {
        var good = MatrixProfile(P3, "P3");
        Assert.NotNull(IccMatrixProfile.TryParse(good));
        Assert.Null(IccMatrixProfile.TryParse(good[..100]));
        Assert.Null(IccMatrixProfile.TryParse(Array.Empty<byte>()));
        var random = new Random(5);
        for (var i = 0; i < 300; i++)
        {
            var copy = (byte[])good.Clone();
            for (var k = 0; k < 8; k++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
            var cut = copy[..random.Next(1, copy.Length)];
            var profile = IccMatrixProfile.TryParse(random.Next(2) == 0 ? copy : cut);
            IccToSrgbConverter.TryCreate(profile, out _);
        }
    }

    private string Patch(Rgb24 colour, byte[] profile)
    {
        using var image = new Image<Rgb24>(64, 64, colour);
        image.Metadata.IccProfile = new IccProfile(profile);
        return TestImages.SaveJpeg(image, _fixture.Temp.File(Guid.NewGuid().ToString("N") + ".jpg"), quality: 100);
    }

    /// <summary>Independent reference: sRGB curve decode, P3 → XYZ(D50) → sRGB, sRGB curve encode.</summary>
    private static Rgb24 ExpectedSrgb(byte r, byte g, byte b)
    {
        double Decode(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        double Encode(double l) => l <= 0.0031308 ? l * 12.92 : 1.055 * Math.Pow(l, 1 / 2.4) - 0.055;
        var lin = new[] { Decode(r / 255.0), Decode(g / 255.0), Decode(b / 255.0) };
        var xyz = new double[3];
        for (var i = 0; i < 3; i++) xyz[i] = P3[i, 0] * lin[0] + P3[i, 1] * lin[1] + P3[i, 2] * lin[2];
        var inv = Invert(Srgb);
        var outLin = new double[3];
        for (var i = 0; i < 3; i++) outLin[i] = inv[i, 0] * xyz[0] + inv[i, 1] * xyz[1] + inv[i, 2] * xyz[2];
        byte Byte(double l) => (byte)Math.Round(Math.Clamp(Encode(Math.Clamp(l, 0, 1)), 0, 1) * 255);
        return new Rgb24(Byte(outLin[0]), Byte(outLin[1]), Byte(outLin[2]));
    }

    private static double[,] Invert(double[,] m)
    {
        var det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
        for (var j = 0; j < 3; j++)
        {
            int a = (j + 1) % 3, b2 = (j + 2) % 3, c = (i + 1) % 3, d = (i + 2) % 3;
            r[i, j] = (m[a, c] * m[b2, d] - m[a, d] * m[b2, c]) / det;
        }
        return r;
    }

    /// <summary>A minimal ICC v2 display profile: header, rXYZ/gXYZ/bXYZ, sRGB-shaped 'para' TRCs, desc.</summary>
    public static byte[] MatrixProfile(double[,] colorants, string description)
    {
        var tags = new List<(string Sig, byte[] Data)>();
        for (var c = 0; c < 3; c++)
        {
            var xyz = new byte[20];
            Encoding.ASCII.GetBytes("XYZ ").CopyTo(xyz, 0);
            for (var row = 0; row < 3; row++) BinaryPrimitives.WriteInt32BigEndian(xyz.AsSpan(8 + row * 4), (int)Math.Round(colorants[row, c] * 65536));
            tags.Add((new[] { "rXYZ", "gXYZ", "bXYZ" }[c], xyz));
        }
        // parametricCurveType function 3 with the sRGB constants (IEC 61966-2-1).
        var para = new byte[32];
        Encoding.ASCII.GetBytes("para").CopyTo(para, 0);
        BinaryPrimitives.WriteUInt16BigEndian(para.AsSpan(8), 3);
        var p = new[] { 2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045 };
        for (var i = 0; i < p.Length; i++) BinaryPrimitives.WriteInt32BigEndian(para.AsSpan(12 + i * 4), (int)Math.Round(p[i] * 65536));
        foreach (var sig in new[] { "rTRC", "gTRC", "bTRC" }) tags.Add((sig, para));
        var text = Encoding.ASCII.GetBytes(description + "\0");
        var desc = new byte[12 + text.Length + 78];
        Encoding.ASCII.GetBytes("desc").CopyTo(desc, 0);
        BinaryPrimitives.WriteUInt32BigEndian(desc.AsSpan(8), (uint)text.Length);
        text.CopyTo(desc, 12);
        tags.Add(("desc", desc));

        var offset = 128 + 4 + tags.Count * 12;
        var table = new List<byte>();
        var data = new List<byte>();
        table.AddRange(BigEndian(tags.Count));
        foreach (var (sig, bytes) in tags)
        {
            while ((offset + data.Count) % 4 != 0) data.Add(0);
            table.AddRange(Encoding.ASCII.GetBytes(sig));
            table.AddRange(BigEndian(offset + data.Count));
            table.AddRange(BigEndian(bytes.Length));
            data.AddRange(bytes);
        }
        var header = new byte[128];
        var total = 128 + table.Count + data.Count;
        BinaryPrimitives.WriteInt32BigEndian(header, total);
        header[8] = 2; header[9] = 0x10;                       // version 2.1
        Encoding.ASCII.GetBytes("mntr").CopyTo(header, 12);
        Encoding.ASCII.GetBytes("RGB ").CopyTo(header, 16);
        Encoding.ASCII.GetBytes("XYZ ").CopyTo(header, 20);
        Encoding.ASCII.GetBytes("acsp").CopyTo(header, 36);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(68), 63190);   // D50 illuminant X
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(72), 65536);   // Y
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(76), 54061);   // Z
        return header.Concat(table).Concat(data).ToArray();
    }

    private static byte[] BigEndian(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    public void Dispose() => _fixture.Dispose();
}
