using System.Buffers.Binary;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// XMP in a TIFF or DNG (XMP Specification Part 3, §1.1.6): tag 700 (XMLPacket, type BYTE) in IFD0.
/// <see cref="Write"/> never moves a byte of the original: it appends the packet and a copy of IFD0 with
/// tag 700 added (or pointed at the new packet), then points the header at the new IFD0. Only the
/// header's four-byte IFD0 offset changes; image data, the other IFDs, EXIF, the maker notes and every
/// offset into them stay where they were, so nothing a reader follows can break. The old IFD0 (and an
/// old packet) stay behind as unreferenced bytes.
/// </summary>
public static class TiffXmp
{
    public const ushort XmpTag = 700;
    private const ushort TypeByte = 1;

    public static bool IsTiff(ReadOnlySpan<byte> file) =>
        file.Length >= 8 && ((file[0] == 'I' && file[1] == 'I' && file[2] == 42 && file[3] == 0) || (file[0] == 'M' && file[1] == 'M' && file[2] == 0 && file[3] == 42));

    public static string? Read(byte[] file)
    {
        var ifd = ReadIfd0(file);
        var entry = ifd.Entries.FirstOrDefault(e => e.Tag == XmpTag);
        if (entry.Raw is null) return null;
        var size = checked((long)entry.Count * TypeSize(entry.Type));
        if (size <= 4) return XmpPacket.Text(entry.Raw.AsSpan(8, (int)size));
        var offset = ifd.ReadUInt32(entry.Raw.AsSpan(8));
        if (offset + size > file.Length) throw new XmpFormatException("Broken TIFF: the XMP packet runs past the end of the file.");
        return XmpPacket.Text(file.AsSpan((int)offset, (int)size));
    }

    public static byte[] Write(byte[] file, byte[] packet)
    {
        var ifd = ReadIfd0(file);
        var xmpAt = Even(file.Length);
        var ifdAt = Even(xmpAt + packet.Length);
        var entries = ifd.Entries.Where(e => e.Tag != XmpTag).ToList();
        var raw = new byte[12];
        ifd.WriteUInt16(raw.AsSpan(0), XmpTag);
        ifd.WriteUInt16(raw.AsSpan(2), TypeByte);
        ifd.WriteUInt32(raw.AsSpan(4), (uint)packet.Length);
        ifd.WriteUInt32(raw.AsSpan(8), checked((uint)xmpAt));
        entries.Add(new Entry(XmpTag, TypeByte, (uint)packet.Length, raw));
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        var ifdLength = 2 + 12 * entries.Count + 4;
        var output = new byte[checked(ifdAt + ifdLength)];
        file.CopyTo(output, 0);
        packet.CopyTo(output, xmpAt);
        var at = ifdAt;
        ifd.WriteUInt16(output.AsSpan(at), (ushort)entries.Count);
        at += 2;
        foreach (var e in entries)
        {
            e.Raw.CopyTo(output, at);
            at += 12;
        }
        ifd.WriteUInt32(output.AsSpan(at), ifd.Next);
        ifd.WriteUInt32(output.AsSpan(4), checked((uint)ifdAt));
        return output;
    }

    private static int Even(int n) => n + (n & 1);

    private readonly record struct Entry(ushort Tag, ushort Type, uint Count, byte[] Raw);

    private sealed class Ifd
    {
        public bool BigEndian { get; init; }
        public List<Entry> Entries { get; } = new();
        public uint Next { get; set; }

        public ushort ReadUInt16(ReadOnlySpan<byte> s) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
        public uint ReadUInt32(ReadOnlySpan<byte> s) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
        public void WriteUInt16(Span<byte> s, ushort v) { if (BigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, v); else BinaryPrimitives.WriteUInt16LittleEndian(s, v); }
        public void WriteUInt32(Span<byte> s, uint v) { if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, v); else BinaryPrimitives.WriteUInt32LittleEndian(s, v); }
    }

    private static Ifd ReadIfd0(byte[] file)
    {
        if (!IsTiff(file)) throw new XmpFormatException("The file is not a classic TIFF (BigTIFF and other containers get a sidecar).");
        var ifd = new Ifd { BigEndian = file[0] == 'M' };
        var offset = ifd.ReadUInt32(file.AsSpan(4));
        if (offset < 8 || offset + 2L > file.Length) throw new XmpFormatException("Broken TIFF: IFD0 lies outside the file.");
        var count = ifd.ReadUInt16(file.AsSpan((int)offset));
        var end = offset + 2L + 12L * count + 4;
        if (end > file.Length) throw new XmpFormatException("Broken TIFF: IFD0 runs past the end of the file.");
        for (var i = 0; i < count; i++)
        {
            var at = (int)offset + 2 + 12 * i;
            var raw = file.AsSpan(at, 12).ToArray();
            ifd.Entries.Add(new Entry(ifd.ReadUInt16(raw), ifd.ReadUInt16(raw.AsSpan(2)), ifd.ReadUInt32(raw.AsSpan(4)), raw));
        }
        ifd.Next = ifd.ReadUInt32(file.AsSpan((int)(end - 4)));
        return ifd;
    }

    private static int TypeSize(ushort type) => type switch
    {
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 => 8,
        _ => 1,
    };
}
