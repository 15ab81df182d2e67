using System.Buffers.Binary;
using System.Text;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// The parts of an ICC profile a matrix/TRC conversion needs, parsed from the raw profile bytes
/// (ICC.1:2010 §7): data colour space, rXYZ/gXYZ/bXYZ colorants, rTRC/gTRC/bTRC curves, description.
/// ImageSharp 2.1 keeps its curve types internal, so the few tags needed are read here directly.
/// Every offset is bounds-checked: a hostile profile yields "not usable", never an exception.
/// </summary>
public sealed class IccMatrixProfile
{
    private IccMatrixProfile() { }

    /// <summary>Four-character data colour space from the header, e.g. "RGB ", "CMYK", "GRAY".</summary>
    public string ColorSpace { get; private init; } = "";
    public string? Description { get; private init; }
    /// <summary>Linear RGB → XYZ(D50), columns = colorants; null when the profile has no matrix.</summary>
    public Matrix3? ToXyzD50 { get; private init; }
    /// <summary>Per channel, 256 entries: encoded byte → linear value; null when a curve is missing or unsupported.</summary>
    public float[][]? DecodeCurves { get; private init; }

    public bool IsRgb => ColorSpace == "RGB ";

    public static IccMatrixProfile? TryParse(byte[]? data)
    {
        if (data is null || data.Length < 132) return null;
        var span = data.AsSpan();
        var declared = BinaryPrimitives.ReadUInt32BigEndian(span);
        if (declared > data.Length || !span.Slice(36, 4).SequenceEqual("acsp"u8)) return null;
        var colorSpace = Encoding.ASCII.GetString(span.Slice(16, 4));
        var tagCount = BinaryPrimitives.ReadUInt32BigEndian(span.Slice(128));
        if (tagCount > 1000 || 132 + tagCount * 12 > data.Length) return null;

        var tags = new Dictionary<string, ReadOnlyMemory<byte>>();
        for (var i = 0; i < tagCount; i++)
        {
            var entry = span.Slice(132 + i * 12, 12);
            var signature = Encoding.ASCII.GetString(entry[..4]);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            var size = BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            if (offset + (ulong)size > (ulong)data.Length || size < 8) continue;
            tags.TryAdd(signature, data.AsMemory((int)offset, (int)size));
        }

        Matrix3? matrix = null;
        if (ReadXyz(tags, "rXYZ") is { } r && ReadXyz(tags, "gXYZ") is { } g && ReadXyz(tags, "bXYZ") is { } b)
        {
            matrix = new Matrix3(r.X, g.X, b.X, r.Y, g.Y, b.Y, r.Z, g.Z, b.Z);
        }
        float[][]? curves = null;
        var decoded = new[] { "rTRC", "gTRC", "bTRC" }.Select(sig => tags.TryGetValue(sig, out var t) ? ReadCurve(t.Span) : null).ToArray();
        if (decoded.All(c => c is not null)) curves = decoded!;

        return new IccMatrixProfile
        {
            ColorSpace = colorSpace,
            Description = tags.TryGetValue("desc", out var desc) ? ReadDescription(desc.Span) : null,
            ToXyzD50 = matrix,
            DecodeCurves = curves,
        };
    }

    private static (float X, float Y, float Z)? ReadXyz(Dictionary<string, ReadOnlyMemory<byte>> tags, string signature)
    {
        if (!tags.TryGetValue(signature, out var memory)) return null;
        var t = memory.Span;
        if (t.Length < 20 || !t[..4].SequenceEqual("XYZ "u8)) return null;
        return (S15Fixed16(t[8..]), S15Fixed16(t[12..]), S15Fixed16(t[16..]));
    }

    private static float S15Fixed16(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt32BigEndian(b) / 65536f;

    /// <summary>'curv' (identity, gamma, or table) or 'para' (function types 0–4, ICC.1:2010 Table 65) as a 256-entry LUT.</summary>
    private static float[]? ReadCurve(ReadOnlySpan<byte> t)
    {
        if (t.Length < 12) return null;
        Func<float, float>? f = null;
        if (t[..4].SequenceEqual("curv"u8))
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(t[8..]);
            if (count == 0) f = x => x;
            else if (count == 1)
            {
                if (t.Length < 14) return null;
                var gamma = BinaryPrimitives.ReadUInt16BigEndian(t[12..]) / 256f;
                f = x => MathF.Pow(x, gamma);
            }
            else
            {
                if (count > 65536 || 12 + count * 2 > t.Length) return null;
                var table = new float[count];
                for (var i = 0; i < count; i++) table[i] = BinaryPrimitives.ReadUInt16BigEndian(t[(12 + i * 2)..]) / 65535f;
                f = x =>
                {
                    var position = x * (table.Length - 1);
                    var i = Math.Min((int)position, table.Length - 2);
                    var w = position - i;
                    return table[i] * (1 - w) + table[i + 1] * w;
                };
            }
        }
        else if (t[..4].SequenceEqual("para"u8))
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(t[8..]);
            var needed = type switch { 0 => 1, 1 => 3, 2 => 4, 3 => 5, 4 => 7, _ => -1 };
            if (needed < 0 || t.Length < 12 + needed * 4) return null;
            var p = new float[7];
            for (var i = 0; i < needed; i++) p[i] = S15Fixed16(t[(12 + i * 4)..]);
            float g = p[0], a = p[1], b = p[2], c = p[3], d = p[4], e = p[5], ff = p[6];
            f = type switch
            {
                0 => x => MathF.Pow(x, g),
                1 => x => x >= -b / a ? MathF.Pow(a * x + b, g) : 0,
                2 => x => x >= -b / a ? MathF.Pow(a * x + b, g) + c : c,
                3 => x => x >= d ? MathF.Pow(a * x + b, g) : c * x,
                _ => x => x >= d ? MathF.Pow(a * x + b, g) + e : c * x + ff,
            };
        }
        if (f is null) return null;
        var lut = new float[256];
        for (var i = 0; i < 256; i++)
        {
            var y = f(i / 255f);
            if (!float.IsFinite(y)) return null;
            lut[i] = Math.Clamp(y, 0f, 1f);
        }
        return lut;
    }

    /// <summary>'desc' (ICC v2 textDescriptionType) or 'mluc' (v4, first record).</summary>
    private static string? ReadDescription(ReadOnlySpan<byte> t)
    {
        if (t.Length < 12) return null;
        if (t[..4].SequenceEqual("desc"u8))
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(t[8..]);
            if (length == 0 || length > t.Length - 12) return null; // no unsigned wrap-around on hostile lengths
            return Encoding.ASCII.GetString(t.Slice(12, (int)length)).TrimEnd('\0');
        }
        if (t[..4].SequenceEqual("mluc"u8) && t.Length >= 28)
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(t[8..]);
            if (count == 0) return null;
            var length = BinaryPrimitives.ReadUInt32BigEndian(t[20..]);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(t[24..]);
            if (offset + (ulong)length > (ulong)t.Length) return null;
            return Encoding.BigEndianUnicode.GetString(t.Slice((int)offset, (int)length)).TrimEnd('\0');
        }
        return null;
    }
}
