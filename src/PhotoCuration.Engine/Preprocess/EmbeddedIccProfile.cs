using PhotoCuration.Engine.Ingest;
using System.Buffers.Binary;
using System.IO.Compression;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// Reads the ICC profile a container embeds where ImageSharp 2.1 does not hand it over (it does for
/// JPEG APP2 only): PNG iCCP (PNG 1.2 section 4.2.2.4, zlib-compressed), WebP ICCP (RIFF chunk of the
/// extended format) and TIFF tag 34675 (ICC.1 Annex B.4). Without this, a Display P3 PNG, WebP or TIFF
/// was passed through unconverted (found by EmbeddedProfileFormatTests).
/// </summary>
public static class EmbeddedIccProfile
{
    /// <summary>Largest profile accepted; real ones are 0.5–60 KB, and iCCP is compressed (no zip bombs).</summary>
    private const int MaxProfileBytes = 4 << 20;

    public static byte[]? Find(byte[] bytes, PhotoFormat format)
    {
        try
        {
            return format switch
            {
                PhotoFormat.Png => FromPng(bytes),
                PhotoFormat.WebP => FromWebP(bytes),
                PhotoFormat.Tiff => FromTiff(bytes),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            return null; // a damaged profile is no profile: the pixels are kept as sRGB
        }
    }

    private static byte[]? FromPng(byte[] b)
    {
        var position = 8;
        while (position + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(position));
            if (length > b.Length - position - 12) return null;
            var type = b.AsSpan(position + 4, 4);
            if (type.SequenceEqual("IDAT"u8) || type.SequenceEqual("IEND"u8)) return null; // iCCP precedes IDAT
            if (type.SequenceEqual("iCCP"u8))
            {
                var data = b.AsSpan(position + 8, (int)length);
                var nul = data.IndexOf((byte)0);
                if (nul < 1 || nul > 79 || nul + 2 > data.Length || data[nul + 1] != 0) return null;
                using var zlib = new ZLibStream(new MemoryStream(data[(nul + 2)..].ToArray()), CompressionMode.Decompress);
                return ReadBounded(zlib);
            }
            position += 12 + (int)length;
        }
        return null;
    }

    private static byte[]? FromWebP(byte[] b)
    {
        var position = 12;
        while (position + 8 <= b.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(position + 4));
            if (size > b.Length - position - 8) return null;
            if (b.AsSpan(position, 4).SequenceEqual("ICCP"u8)) return size <= MaxProfileBytes ? b.AsSpan(position + 8, (int)size).ToArray() : null;
            position += 8 + (int)size + (int)(size & 1);
        }
        return null;
    }

    private static byte[]? FromTiff(byte[] b)
    {
        if (b.Length < 8) return null;
        var little = b[0] == 'I';
        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));
        var ifd = U32(4);
        if (ifd > b.Length - 2) return null;
        int count = U16((int)ifd);
        for (var e = 0; e < count && ifd + 2 + e * 12L + 12 <= b.Length; e++)
        {
            var at = (int)ifd + 2 + e * 12;
            if (U16(at) != 0x8773 || U16(at + 2) is not (1 or 7)) continue;
            var length = U32(at + 4);
            if (length <= 4 || length > MaxProfileBytes) return null;
            var offset = U32(at + 8);
            return offset <= b.Length && length <= b.Length - offset ? b.AsSpan((int)offset, (int)length).ToArray() : null;
        }
        return null;
    }

    private static byte[]? ReadBounded(Stream stream)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (output.Length + read > MaxProfileBytes) return null;
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}
