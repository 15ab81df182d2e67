using System.Buffers.Binary;
using System.Text;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// Hand-assembled ICC profiles (ICC.1:2010 §7): a 128-byte header, a tag table and tag data, every
/// piece written here so tests control each byte (including deliberately broken ones).
/// </summary>
public static class IccBuilder
{
    /// <summary>Display P3 colorants, D50-adapted (one table for both ICC builders).</summary>
    public static double[,] DisplayP3 => IccProfileBuilder.DisplayP3;

    /// <summary>sRGB IEC61966-2.1 colorants, D50-adapted, as in the standard v2 profile.</summary>
    public static double[,] Srgb => IccProfileBuilder.Srgb;

    public static byte[] Xyz(double x, double y, double z)
    {
        var t = new byte[20];
        Encoding.ASCII.GetBytes("XYZ ").CopyTo(t, 0);
        BinaryPrimitives.WriteInt32BigEndian(t.AsSpan(8), S15(x));
        BinaryPrimitives.WriteInt32BigEndian(t.AsSpan(12), S15(y));
        BinaryPrimitives.WriteInt32BigEndian(t.AsSpan(16), S15(z));
        return t;
    }

    /// <summary>'curv' with one entry: a pure power law (u8Fixed8Number gamma).</summary>
    public static byte[] CurvGamma(double gamma)
    {
        var t = new byte[14];
        Encoding.ASCII.GetBytes("curv").CopyTo(t, 0);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(12), (ushort)Math.Round(gamma * 256));
        return t;
    }

    /// <summary>'para' function type 3 with the IEC 61966-2-1 sRGB constants.</summary>
    public static byte[] ParaSrgb()
    {
        var t = new byte[32];
        Encoding.ASCII.GetBytes("para").CopyTo(t, 0);
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(8), 3);
        var p = new[] { 2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045 };
        for (var i = 0; i < p.Length; i++) BinaryPrimitives.WriteInt32BigEndian(t.AsSpan(12 + i * 4), S15(p[i]));
        return t;
    }

    /// <summary>ICC v2 textDescriptionType with an ASCII description (and empty Unicode/ScriptCode parts).</summary>
    public static byte[] Desc(string text)
    {
        var ascii = Encoding.ASCII.GetBytes(text + "\0");
        var t = new byte[12 + ascii.Length + 78];
        Encoding.ASCII.GetBytes("desc").CopyTo(t, 0);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(8), (uint)ascii.Length);
        ascii.CopyTo(t, 12);
        return t;
    }

    /// <summary>ICC v4 multiLocalizedUnicodeType with one en-US record.</summary>
    public static byte[] Mluc(string text)
    {
        var utf16 = Encoding.BigEndianUnicode.GetBytes(text);
        var t = new byte[28 + utf16.Length];
        Encoding.ASCII.GetBytes("mluc").CopyTo(t, 0);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(8), 1);    // record count
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(12), 12);  // record size
        Encoding.ASCII.GetBytes("enUS").CopyTo(t, 16);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(20), (uint)utf16.Length);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(24), 28);
        utf16.CopyTo(t, 28);
        return t;
    }

    /// <summary>An RGB matrix/TRC display profile: rXYZ/gXYZ/bXYZ from <paramref name="colorants"/>, one TRC for all channels.</summary>
    public static byte[] MatrixProfile(double[,] colorants, byte[] trc, string description)
    {
        var tags = new List<(string, byte[])>();
        for (var c = 0; c < 3; c++) tags.Add((new[] { "rXYZ", "gXYZ", "bXYZ" }[c], Xyz(colorants[0, c], colorants[1, c], colorants[2, c])));
        foreach (var sig in new[] { "rTRC", "gTRC", "bTRC" }) tags.Add((sig, trc));
        tags.Add(("desc", Desc(description)));
        return Profile("RGB ", tags);
    }

    /// <summary>Header + tag table + 4-byte aligned tag data, sizes and offsets consistent.</summary>
    public static byte[] Profile(string colorSpace, IEnumerable<(string Signature, byte[] Data)> tags)
    {
        var list = tags.ToList();
        var table = new List<byte>();
        var data = new List<byte>();
        var dataStart = 128 + 4 + list.Count * 12;
        table.AddRange(BigEndian(list.Count));
        foreach (var (sig, bytes) in list)
        {
            while ((dataStart + data.Count) % 4 != 0) data.Add(0);
            table.AddRange(Encoding.ASCII.GetBytes(sig));
            table.AddRange(BigEndian(dataStart + data.Count));
            table.AddRange(BigEndian(bytes.Length));
            data.AddRange(bytes);
        }
        var header = new byte[128];
        BinaryPrimitives.WriteInt32BigEndian(header, 128 + table.Count + data.Count);
        header[8] = 2; header[9] = 0x10;                                   // version 2.1
        Encoding.ASCII.GetBytes("mntr").CopyTo(header, 12);
        Encoding.ASCII.GetBytes(colorSpace).CopyTo(header, 16);
        Encoding.ASCII.GetBytes("XYZ ").CopyTo(header, 20);
        Encoding.ASCII.GetBytes("acsp").CopyTo(header, 36);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(68), 63190);    // D50 X
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(72), 65536);    // D50 Y
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(76), 54061);    // D50 Z
        return header.Concat(table).Concat(data).ToArray();
    }

    /// <summary>Offset of a tag's data inside a profile built by <see cref="Profile"/>.</summary>
    public static int TagOffset(byte[] profile, string signature)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(profile.AsSpan(128));
        for (var i = 0; i < count; i++)
        {
            var entry = 132 + i * 12;
            if (Encoding.ASCII.GetString(profile, entry, 4) == signature) return BinaryPrimitives.ReadInt32BigEndian(profile.AsSpan(entry + 4));
        }
        throw new ArgumentException("no tag " + signature);
    }

    private static int S15(double v) => (int)Math.Round(v * 65536);

    private static byte[] BigEndian(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }
}
