using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// Converts pixels from an embedded RGB matrix/TRC ICC profile (Display P3, Adobe RGB, ProPhoto, camera
/// "wide gamut" profiles) to sRGB. ImageSharp 2.1 parses ICC profiles but does not apply them.
///
/// Math (ICC.1:2010 §F.3, "three-component matrix-based input profiles"):
///   linear_src = TRC(src);  XYZ(D50) = M_src · linear_src;  linear_sRGB = M_sRGB⁻¹ · XYZ(D50);
///   out = sRGB-encode(clamp(linear_sRGB)).
/// M_sRGB is the D50-adapted colorant matrix of the standard sRGB IEC61966-2.1 ICC profile.
/// LUT-based profiles (A2B0, CMYK) are reported as not converted rather than guessed.
/// </summary>
public sealed class IccToSrgbConverter
{
    // rXYZ/gXYZ/bXYZ colorant columns of sRGB IEC61966-2.1 (ICC v2 profile, D50 via Bradford).
    private static readonly Matrix3 SrgbToXyzD50 = new(
        0.4360747f, 0.3850649f, 0.1430804f,
        0.2225045f, 0.7168786f, 0.0606169f,
        0.0139322f, 0.0971045f, 0.7141733f);

    private const float SameProfileTolerance = 0.003f;
    private const int EncodeLutSize = 4096;

    private readonly float[][] _decode; // per channel: byte → linear
    private readonly Matrix3 _toLinearSrgb;
    private static readonly byte[] EncodeLut = BuildSrgbEncodeLut();

    private IccToSrgbConverter(float[][] decode, Matrix3 toLinearSrgb)
    {
        _decode = decode;
        _toLinearSrgb = toLinearSrgb;
    }

    /// <summary>What happened, for the processing method record.</summary>
    public enum Outcome { NoProfile, AlreadySrgb, Converted, Unsupported }

    /// <summary>Builds a converter for a profile, or says why none is needed / possible.</summary>
    public static Outcome TryCreate(IccMatrixProfile? profile, out IccToSrgbConverter? converter)
    {
        converter = null;
        if (profile is null) return Outcome.NoProfile;
        if (!profile.IsRgb || profile.ToXyzD50 is not { } sourceToXyz || profile.DecodeCurves is not { } decode) return Outcome.Unsupported;
        if (sourceToXyz.ApproximatelyEquals(SrgbToXyzD50, SameProfileTolerance) && decode.All(IsSrgbCurve)) return Outcome.AlreadySrgb;
        if (!SrgbToXyzD50.TryInvert(out var xyzToSrgb)) return Outcome.Unsupported;
        converter = new IccToSrgbConverter(decode, xyzToSrgb * sourceToXyz);
        return Outcome.Converted;
    }

    /// <summary>Converts packed 8-bit RGB pixels (R, G, B per pixel) in place.</summary>
    public void Apply(Span<byte> rgb) => Apply(MemoryMarshal.Cast<byte, Rgb24>(rgb));

    public void Apply(Image<Rgb24> image) => image.ProcessPixelRows(accessor =>
    {
        for (var y = 0; y < accessor.Height; y++) Apply(accessor.GetRowSpan(y));
    });

    private void Apply(Span<Rgb24> row)
    {
        var decodeR = _decode[0];
        var decodeG = _decode[1];
        var decodeB = _decode[2];
        var m = _toLinearSrgb;
        for (var x = 0; x < row.Length; x++)
        {
            ref var p = ref row[x];
            var lr = decodeR[p.R];
            var lg = decodeG[p.G];
            var lb = decodeB[p.B];
            p.R = Encode(m.M11 * lr + m.M12 * lg + m.M13 * lb);
            p.G = Encode(m.M21 * lr + m.M22 * lg + m.M23 * lb);
            p.B = Encode(m.M31 * lr + m.M32 * lg + m.M33 * lb);
        }
    }

    private static byte Encode(float linear)
    {
        var index = (int)(Math.Clamp(linear, 0f, 1f) * (EncodeLutSize - 1) + 0.5f);
        return EncodeLut[index];
    }

    private static bool IsSrgbCurve(float[]? lut)
    {
        if (lut is null) return false;
        for (var i = 0; i < 256; i++)
        {
            if (Math.Abs(lut[i] - SrgbDecode(i / 255f)) > 0.004f) return false;
        }
        return true;
    }

    /// <summary>IEC 61966-2-1 sRGB transfer function, decode direction.</summary>
    public static float SrgbDecode(float v) => v <= 0.04045f ? v / 12.92f : MathF.Pow((v + 0.055f) / 1.055f, 2.4f);

    /// <summary>IEC 61966-2-1 sRGB transfer function, encode direction.</summary>
    public static float SrgbEncode(float l) => l <= 0.0031308f ? l * 12.92f : 1.055f * MathF.Pow(l, 1 / 2.4f) - 0.055f;

    private static byte[] BuildSrgbEncodeLut()
    {
        var lut = new byte[EncodeLutSize];
        for (var i = 0; i < EncodeLutSize; i++)
        {
            lut[i] = (byte)Math.Clamp((int)MathF.Round(SrgbEncode(i / (float)(EncodeLutSize - 1)) * 255f), 0, 255);
        }
        return lut;
    }
}
