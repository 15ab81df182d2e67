using System.Buffers.Binary;
using System.Text;

namespace PhotoCuration.Tests.Support;

/// <summary>Hand-made PNG bytes (valid CRCs) for header-level tests.</summary>
public static class PngBuilder
{
    /// <summary>IHDR declaring width×height, an empty IDAT and IEND: a decompression-bomb-shaped header.</summary>
    public static byte[] HeaderOnly(int width, int height)
    {
        var output = new List<byte> { 137, 80, 78, 71, 13, 10, 26, 10 };
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(output, "IHDR", ihdr);
        Chunk(output, "IDAT", new byte[] { 120, 156, 3, 0, 0, 0, 0, 1 });
        Chunk(output, "IEND", Array.Empty<byte>());
        return output.ToArray();
    }

    /// <summary>A copy of <paramref name="png"/> with one more chunk right after IHDR (e.g. iCCP, which must precede IDAT).</summary>
    public static byte[] WithChunkAfterHeader(byte[] png, string type, byte[] data)
    {
        const int ihdrEnd = 8 + 12 + 13;
        var chunk = new List<byte>();
        Chunk(chunk, type, data);
        return png[..ihdrEnd].Concat(chunk).Concat(png[ihdrEnd..]).ToArray();
    }

    /// <summary>iCCP data: profile name, NUL, compression method 0, zlib-compressed profile (PNG 1.2, 4.2.2.4).</summary>
    public static byte[] IccpData(string name, byte[] profile)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(profile);
        return Encoding.Latin1.GetBytes(name).Concat(new byte[] { 0, 0 }).Concat(compressed.ToArray()).ToArray();
    }

    private static void Chunk(List<byte> output, string type, byte[] data)
    {
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
        output.AddRange(length);
        output.AddRange(body);
        output.AddRange(crc);
    }

    /// <summary>CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as PNG chunks carry it.</summary>
    public static uint Crc32(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFFu;
    }
}
