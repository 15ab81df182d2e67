using System.Text;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// XMP in a JPEG (XMP Specification Part 3, §1.1.3): an APP1 segment whose payload starts with the
/// namespace <c>http://ns.adobe.com/xap/1.0/</c> and a NUL. <see cref="Write"/> replaces that segment where
/// it is, or inserts one after the leading APP0 (JFIF) and APP1 (Exif) segments; every other byte of the
/// file, the image data included, is copied as it is. Extended XMP segments are left untouched.
/// </summary>
public static class JpegXmp
{
    private static readonly byte[] Signature = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");

    /// <summary>Largest packet one APP1 segment carries: 65535 minus the length field and the signature.</summary>
    public const int MaxPacket = 65535 - 2 - 29;

    public static bool IsJpeg(ReadOnlySpan<byte> file) => file.Length >= 4 && file[0] == 0xFF && file[1] == 0xD8;

    /// <summary>The existing XMP packet text, or null when the file has none.</summary>
    public static string? Read(byte[] file)
    {
        var segment = Segments(file).FirstOrDefault(s => IsXmp(file, s));
        return segment.Length == 0 ? null : XmpPacket.Text(file.AsSpan(segment.Start + 4 + Signature.Length, segment.Length - 2 - Signature.Length));
    }

    /// <summary>The file with <paramref name="packet"/> as its XMP segment.</summary>
    /// <exception cref="XmpFormatException">Not a JPEG, its segments are broken, or the packet is too large for one segment.</exception>
    public static byte[] Write(byte[] file, byte[] packet)
    {
        if (!IsJpeg(file)) throw new XmpFormatException("The file is not a JPEG.");
        if (packet.Length > MaxPacket) throw new XmpFormatException($"The XMP packet ({packet.Length} bytes) does not fit in one JPEG segment ({MaxPacket} bytes).");
        var segments = Segments(file).ToList();
        var existing = segments.FirstOrDefault(s => IsXmp(file, s));
        int cut, resume;
        if (existing.Length > 0)
        {
            cut = existing.Start;
            resume = existing.Start + 2 + existing.Length;
        }
        else
        {
            // After SOI and the leading APP0/APP1 run, where readers look first.
            var leading = segments.TakeWhile(s => s.Marker is 0xE0 or 0xE1).ToList();
            cut = resume = leading.Count > 0 ? leading[^1].Start + 2 + leading[^1].Length : 2;
        }
        var segmentLength = 2 + Signature.Length + packet.Length;
        var output = new byte[cut + 2 + segmentLength + (file.Length - resume)];
        file.AsSpan(0, cut).CopyTo(output);
        var at = cut;
        output[at++] = 0xFF;
        output[at++] = 0xE1;
        output[at++] = (byte)(segmentLength >> 8);
        output[at++] = (byte)segmentLength;
        Signature.CopyTo(output, at);
        at += Signature.Length;
        packet.CopyTo(output, at);
        at += packet.Length;
        file.AsSpan(resume).CopyTo(output.AsSpan(at));
        return output;
    }

    /// <summary>A marker segment: where its FF byte is, its marker, and its length field (which counts itself).</summary>
    public readonly record struct Segment(int Start, byte Marker, int Length);

    /// <summary>The marker segments before the image data (SOS), in file order.</summary>
    public static IEnumerable<Segment> Segments(byte[] file)
    {
        var i = 2;
        while (i + 4 <= file.Length)
        {
            if (file[i] != 0xFF) throw new XmpFormatException($"Broken JPEG: no marker at byte {i}.");
            var marker = file[i + 1];
            if (marker == 0xFF) { i++; continue; }  // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; }
            if (marker is 0xDA or 0xD9) yield break;
            var length = (file[i + 2] << 8) | file[i + 3];
            if (length < 2 || i + 2 + length > file.Length) throw new XmpFormatException($"Broken JPEG: segment at byte {i} runs past the end.");
            yield return new Segment(i, marker, length);
            i += 2 + length;
        }
    }

    private static bool IsXmp(byte[] file, Segment s) =>
        s.Marker == 0xE1 && s.Length - 2 >= Signature.Length && file.AsSpan(s.Start + 4, Signature.Length).SequenceEqual(Signature);
}
