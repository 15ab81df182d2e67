using System.Buffers.Binary;
using System.Text;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// Minimal ICC v2 RGB display profiles built byte by byte (ICC.1:2001-04): a 128-byte header (size at 0,
/// 'RGB ' at 16, 'XYZ ' at 20, 'acsp' at 36), a tag table, rXYZ/gXYZ/bXYZ as XYZType s15Fixed16,
/// rTRC/gTRC/bTRC, and a textDescriptionType 'desc'.
/// </summary>
public static class IccProfileBuilder
{
    /// <summary>Display P3 colorants adapted to D50, as columns R, G, B of a matrix whose rows are X, Y, Z.</summary>
    public static readonly double[,] DisplayP3 = { { 0.5151, 0.2920, 0.1571 }, { 0.2412, 0.6922, 0.0666 }, { -0.0011, 0.0419, 0.7841 } };

    /// <summary>sRGB IEC61966-2.1 colorants adapted to D50 (the rXYZ/gXYZ/bXYZ of the standard sRGB ICC profile).</summary>
    public static readonly double[,] Srgb = { { 0.4360747, 0.3850649, 0.1430804 }, { 0.2225045, 0.7168786, 0.0606169 }, { 0.0139322, 0.0971045, 0.7141733 } };

    public abstract record Trc;
    /// <summary>'para' function type 3 with the IEC 61966-2-1 sRGB constants.</summary>
    public sealed record SrgbParametric : Trc;
    /// <summary>'curv' with one entry: a pure gamma, stored as u8Fixed8Number.</summary>
    public sealed record CurvGamma(double Gamma) : Trc
    {
        /// <summary>The gamma as the profile stores it (rounded to 1/256).</summary>
        public double Stored => Math.Round(Gamma * 256) / 256;
    }
    /// <summary>'curv' with a table of 16-bit samples.</summary>
    public sealed record CurvTable(ushort[] Samples) : Trc;

    public static byte[] Matrix(double[,] colorants, Trc trc, string description) =>
        Assemble(MatrixTags(colorants, trc).Append(("desc", Description(description))).ToList());

    /// <summary>rXYZ, gXYZ, bXYZ (XYZType, s15Fixed16) and rTRC, gTRC, bTRC, without a description.</summary>
    public static List<(string Sig, byte[] Data)> MatrixTags(double[,] colorants, Trc trc)
    {
        var tags = new List<(string Sig, byte[] Data)>();
        for (var c = 0; c < 3; c++)
        {
            var xyz = new byte[20];
            Encoding.ASCII.GetBytes("XYZ ").CopyTo(xyz, 0);
            for (var row = 0; row < 3; row++) BinaryPrimitives.WriteInt32BigEndian(xyz.AsSpan(8 + row * 4), (int)Math.Round(colorants[row, c] * 65536));
            tags.Add((new[] { "rXYZ", "gXYZ", "bXYZ" }[c], xyz));
        }
        var curve = Curve(trc);
        foreach (var sig in new[] { "rTRC", "gTRC", "bTRC" }) tags.Add((sig, curve));
        return tags;
    }

    public static byte[] Curve(Trc trc)
    {
        switch (trc)
        {
            case SrgbParametric:
            {
                var para = new byte[32];
                Encoding.ASCII.GetBytes("para").CopyTo(para, 0);
                BinaryPrimitives.WriteUInt16BigEndian(para.AsSpan(8), 3);
                var p = new[] { 2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045 };
                for (var i = 0; i < p.Length; i++) BinaryPrimitives.WriteInt32BigEndian(para.AsSpan(12 + i * 4), (int)Math.Round(p[i] * 65536));
                return para;
            }
            case CurvGamma g:
            {
                var curv = new byte[14];
                Encoding.ASCII.GetBytes("curv").CopyTo(curv, 0);
                BinaryPrimitives.WriteUInt32BigEndian(curv.AsSpan(8), 1);
                BinaryPrimitives.WriteUInt16BigEndian(curv.AsSpan(12), (ushort)Math.Round(g.Gamma * 256));
                return curv;
            }
            case CurvTable t:
            {
                var curv = new byte[12 + t.Samples.Length * 2];
                Encoding.ASCII.GetBytes("curv").CopyTo(curv, 0);
                BinaryPrimitives.WriteUInt32BigEndian(curv.AsSpan(8), (uint)t.Samples.Length);
                for (var i = 0; i < t.Samples.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(curv.AsSpan(12 + i * 2), t.Samples[i]);
                return curv;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(trc));
        }
    }

    /// <summary>textDescriptionType: ASCII count and text, then empty Unicode and ScriptCode parts.</summary>
    public static byte[] Description(string text)
    {
        var ascii = Encoding.ASCII.GetBytes(text + "\0");
        var desc = new byte[12 + ascii.Length + 78];
        Encoding.ASCII.GetBytes("desc").CopyTo(desc, 0);
        BinaryPrimitives.WriteUInt32BigEndian(desc.AsSpan(8), (uint)ascii.Length);
        ascii.CopyTo(desc, 12);
        return desc;
    }

    /// <summary>Header + tag table + tag data (4-byte aligned); the header declares the total size.</summary>
    public static byte[] Assemble(IReadOnlyList<(string Sig, byte[] Data)> tags, string colorSpace = "RGB ")
    {
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
        while (data.Count % 4 != 0) data.Add(0);
        var header = new byte[128];
        BinaryPrimitives.WriteInt32BigEndian(header, 128 + table.Count + data.Count);
        header[8] = 2; header[9] = 0x10;                                   // version 2.1
        Encoding.ASCII.GetBytes("mntr").CopyTo(header, 12);
        Encoding.ASCII.GetBytes(colorSpace).CopyTo(header, 16);
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
}
