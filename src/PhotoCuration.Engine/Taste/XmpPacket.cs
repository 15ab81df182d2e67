using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Finds the XMP packet embedded in a photo file, without decoding pixels (docs/algorithms.md#taste):
/// JPEG APP1 segment labelled <c>http://ns.adobe.com/xap/1.0/</c>, PNG <c>iTXt</c> chunk keyword
/// <c>XML:com.adobe.xmp</c> (zlib-compressed or not), TIFF/DNG (and TIFF-based raws) IFD0 tag 700.
/// Returns null when the container has no packet; throws <see cref="InvalidDataException"/> when the
/// container structure is broken where the packet would be.
/// </summary>
public static class XmpPacket
{
    private static readonly byte[] JpegXmpLabel = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
    private const string PngXmpKeyword = "XML:com.adobe.xmp";
    private const ushort TiffXmpTag = 700;

    /// <summary>The container a file's first bytes name: jpeg, png, tiff, or null.</summary>
    public static string? Container(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "jpeg"
        : head.Length >= 8 && head[..8].SequenceEqual(PngSignature) ? "png"
        : head.Length >= 4 && (head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0 || head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42) ? "tiff"
        : null;

    /// <summary>The XMP packet text of a file's bytes, or null when it carries none.</summary>
    public static string? Extract(byte[] bytes) => Container(bytes) switch
    {
        "jpeg" => FromJpeg(bytes),
        "png" => FromPng(bytes),
        "tiff" => FromTiff(bytes),
        _ => null,
    };

    private static string? FromJpeg(byte[] b)
    {
        var i = 2;
        while (i + 4 <= b.Length)
        {
            if (b[i] != 0xFF) throw new InvalidDataException($"JPEG marker expected at byte {i}");
            var marker = b[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte
            // Markers without a length; SOS ends the metadata segments, so stop there.
            if (marker is 0xD8 or 0x01 or >= 0xD0 and <= 0xD7) { i += 2; continue; }
            if (marker is 0xDA or 0xD9) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(i + 2));
            if (length < 2 || i + 2 + length > b.Length) throw new InvalidDataException($"JPEG segment 0x{marker:X2} at byte {i} runs past the end of the file");
            var payload = b.AsSpan(i + 4, length - 2);
            if (marker == 0xE1 && payload.StartsWith(JpegXmpLabel)) return Encoding.UTF8.GetString(payload[JpegXmpLabel.Length..]);
            i += 2 + length;
        }
        return null;
    }

    private static string? FromPng(byte[] b)
    {
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i));
            if (length > int.MaxValue || i + 12 + (long)length > b.Length) throw new InvalidDataException($"PNG chunk at byte {i} runs past the end of the file");
            var type = Encoding.ASCII.GetString(b, i + 4, 4);
            var data = b.AsSpan(i + 8, (int)length);
            if (type == "iTXt" && ITxt(data) is { } xmp) return xmp;
            if (type == "IEND") return null;
            i += 12 + (int)length;
        }
        return null;
    }

    /// <summary>iTXt: keyword\0 flag method language\0 translated-keyword\0 text.</summary>
    private static string? ITxt(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)0);
        if (end < 0 || Encoding.Latin1.GetString(data[..end]) != PngXmpKeyword) return null;
        if (end + 3 > data.Length) throw new InvalidDataException("PNG iTXt XMP chunk is truncated");
        var compressed = data[end + 1] == 1;
        var rest = data[(end + 3)..];
        var language = rest.IndexOf((byte)0);
        if (language < 0) throw new InvalidDataException("PNG iTXt XMP chunk has no language tag");
        rest = rest[(language + 1)..];
        var translated = rest.IndexOf((byte)0);
        if (translated < 0) throw new InvalidDataException("PNG iTXt XMP chunk has no translated keyword");
        var text = rest[(translated + 1)..];
        if (!compressed) return Encoding.UTF8.GetString(text);
        using var z = new ZLibStream(new MemoryStream(text.ToArray()), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        z.CopyTo(plain);
        return Encoding.UTF8.GetString(plain.ToArray());
    }

    private static string? FromTiff(byte[] b)
    {
        var little = b[0] == 'I';
        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));
        if (b.Length < 8) throw new InvalidDataException("TIFF header is truncated");
        var ifd = U32(4);
        if (ifd + 2L > b.Length) throw new InvalidDataException($"TIFF IFD0 offset {ifd} is past the end of the file");
        int count = U16((int)ifd);
        if (ifd + 2L + 12L * count > b.Length) throw new InvalidDataException("TIFF IFD0 is truncated");
        for (var e = 0; e < count; e++)
        {
            var at = (int)ifd + 2 + 12 * e;
            if (U16(at) != TiffXmpTag) continue;
            var type = U16(at + 2);
            if (type is not (1 or 7)) throw new InvalidDataException($"TIFF XMP tag 700 has type {type}, not BYTE or UNDEFINED");
            var n = U32(at + 4);
            long offset = n <= 4 ? at + 8 : U32(at + 8);
            if (offset + n > b.Length) throw new InvalidDataException("TIFF XMP tag 700 points past the end of the file");
            return Encoding.UTF8.GetString(b, (int)offset, (int)n);
        }
        return null;
    }
}
