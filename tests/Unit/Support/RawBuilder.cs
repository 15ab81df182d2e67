using System.Buffers.Binary;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// Small RAW-like containers written byte by byte, shaped like the real ones (CR2/NEF/ARW/DNG TIFF
/// IFDs, the RAF header, CR3 ISO boxes), holding real JPEGs: the test owns every offset, so the
/// code under test has to find the previews by parsing the structure.
/// </summary>
public static class RawBuilder
{
    /// <summary>A JPEG of the given size; with <paramref name="make"/>, it carries EXIF of its own.</summary>
    public static byte[] Jpeg(int width, int height, int seed = 1, string? make = null, Image<Rgb24>? pixels = null)
    {
        using var image = pixels?.Clone() ?? TestImages.Texture(width, height, seed);
        if (make is not null)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Make, make);
            image.Metadata.ExifProfile.SetValue(ExifTag.DateTimeOriginal, "2024:05:06 07:08:09");
        }
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90, ColorType = JpegColorType.YCbCrRatio444 });
        return stream.ToArray();
    }

    /// <summary>
    /// What RAW sensor data looks like to a scanner: a lossless JPEG (SOF3) stream declaring a large
    /// frame, the way CR2 and DNG store it under the same TIFF compression values as previews.
    /// </summary>
    public static byte[] LosslessJpegStandIn(int width = 6000, int height = 4000)
    {
        var b = new List<byte> { 0xFF, 0xD8, 0xFF, 0xC3, 0, 11, 14 };
        b.AddRange(new[] { (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width });
        b.AddRange(new byte[] { 1, 1, 0x11, 0 });
        b.AddRange(new byte[256]);
        b.AddRange(new byte[] { 0xFF, 0xD9 });
        return b.ToArray();
    }

    public static byte[] Raf(byte[] jpeg, int padding = 100)
    {
        var header = new byte[160];
        Encoding.ASCII.GetBytes("FUJIFILMCCD-RAW 0201FF383501").CopyTo(header, 0);
        Encoding.ASCII.GetBytes("X-T3").CopyTo(header, 28);
        var offset = header.Length + padding;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(84), (uint)offset);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(88), (uint)jpeg.Length);
        // CFA header/data offsets (unused here) point after the JPEG, as in a real file.
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(92), (uint)(offset + jpeg.Length));
        return header.Concat(new byte[padding]).Concat(jpeg).Concat(new byte[64]).ToArray();
    }

    #region ISO base media (CR3)

    public static byte[] Box(string type, params byte[][] content)
    {
        var payload = content.SelectMany(c => c).ToArray();
        var b = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)b.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(b, 4);
        payload.CopyTo(b, 8);
        return b;
    }

    public static byte[] UuidBox(string uuid, params byte[][] content) =>
        Box("uuid", new[] { new Guid(uuid).ToByteArray(bigEndian: true) }.Concat(content).ToArray());

    public static byte[] UInt32s(params uint[] values)
    {
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 4), values[i]);
        return b;
    }

    /// <summary>
    /// A CR3 shape: ftyp 'crx ', moov { Canon uuid { CMT1 (IFD0), CMT2 (Exif IFD), THMB }, trak { … stsz, co64 } },
    /// the preview uuid { 8 bytes, PRVW }, mdat { the track's full-size JPEG, then sensor-data stand-in }.
    /// </summary>
    public static byte[] Cr3(byte[] thumbnail, byte[] preview, byte[]? fullSize, byte[]? cmt1 = null, byte[]? cmt2 = null)
    {
        var ftyp = Box("ftyp", Encoding.ASCII.GetBytes("crx "), UInt32s(1), Encoding.ASCII.GetBytes("crx isom"));
        var thmb = Box("THMB", new byte[] { 0, 0, 0, 0 }, new byte[] { 0, 160, 0, 120 }, UInt32s((uint)thumbnail.Length), new byte[4], thumbnail);
        var canon = new List<byte[]> { Box("CNCV", Encoding.ASCII.GetBytes("CanonCR3_001/00.09.00/00.00.00")) };
        if (cmt1 is not null) canon.Add(Box("CMT1", cmt1));
        if (cmt2 is not null) canon.Add(Box("CMT2", cmt2));
        canon.Add(thmb);
        var canonUuid = UuidBox("85c0b687-820f-11e0-8111-f4ce462b6a48", canon.ToArray());
        var prvw = Box("PRVW", new byte[] { 0, 0, 0, 0, 0, 1 }, new byte[] { 0x06, 0x54, 0x04, 0x38 }, new byte[] { 0, 1 }, UInt32s((uint)preview.Length), preview);
        var previewUuid = UuidBox("eaf42b5e-1c98-4b88-b9fb-b7dc406e4d16", new byte[8], prvw);
        var sensor = Enumerable.Range(0, 512).Select(i => (byte)(i * 7)).ToArray();
        var mdatPayload = (fullSize ?? Array.Empty<byte>()).Concat(sensor).ToArray();

        byte[] Moov(long mdatStart)
        {
            var tracks = new List<byte[]>();
            // Track 1: the full-size JPEG; track 2: sensor data (not a JPEG).
            long dataStart = mdatStart + 8;
            if (fullSize is not null)
            {
                tracks.Add(Trak(dataStart, (uint)fullSize.Length));
                dataStart += fullSize.Length;
            }
            tracks.Add(Trak(dataStart, (uint)sensor.Length));
            return Box("moov", new[] { canonUuid }.Concat(tracks).ToArray());
        }

        // The moov size does not depend on the offsets it holds, so lay out once to learn it.
        var moovLength = Moov(0).Length;
        var mdatStart = ftyp.Length + moovLength + previewUuid.Length;
        return ftyp.Concat(Moov(mdatStart)).Concat(previewUuid).Concat(Box("mdat", mdatPayload)).ToArray();
    }

    private static byte[] Trak(long chunkOffset, uint sampleSize)
    {
        var co64 = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(co64, (ulong)chunkOffset);
        var stsz = Box("stsz", UInt32s(0, 0, 1, sampleSize));
        var co = Box("co64", UInt32s(0, 1), co64);
        return Box("trak", Box("tkhd", new byte[84]), Box("mdia", Box("minf", Box("stbl", Box("stsd", UInt32s(0, 0)), stsz, co))));
    }

    #endregion
}

/// <summary>
/// Writes a TIFF with chosen IFDs, byte order and header tail (CR2 puts "CR" after the header). Blob
/// fields write their bytes and store the offset; each IFD is laid out after the data it points to.
/// </summary>
public sealed class TiffBuilder
{
    private readonly bool _little;
    private readonly MemoryStream _out = new();

    public TiffBuilder(bool littleEndian = true) => _little = littleEndian;

    public sealed class Ifd
    {
        internal readonly List<Field> Fields = new();
        public List<Ifd> Chain { get; } = new();

        public Ifd Short(ushort tag, params ushort[] values) { Fields.Add(new Field(tag, 3, values.Length, w => w.Shorts(values))); return this; }
        public Ifd Long(ushort tag, params uint[] values) { Fields.Add(new Field(tag, 4, values.Length, w => w.Longs(values))); return this; }
        public Ifd Ascii(ushort tag, string text) { var b = Encoding.ASCII.GetBytes(text + "\0"); Fields.Add(new Field(tag, 2, b.Length, _ => b)); return this; }
        public Ifd Undefined(ushort tag, byte[] bytes) { Fields.Add(new Field(tag, 7, bytes.Length, _ => bytes)); return this; }

        /// <summary>The blob is written to the file; <paramref name="offsetTag"/> holds its offset, <paramref name="lengthTag"/> its length.</summary>
        public Ifd Blob(ushort offsetTag, ushort lengthTag, byte[] blob) { Fields.Add(new Field(offsetTag, 4, 1, null) { Blob = blob, LengthTag = lengthTag }); return this; }

        /// <summary>A field whose value is the offset of child IFDs (SubIFDs 0x014A, Exif 0x8769).</summary>
        public Ifd Children(ushort tag, params Ifd[] children) { Fields.Add(new Field(tag, 4, children.Length, null) { ChildIfds = children }); return this; }

        /// <summary>Panasonic's JpgFromRaw (0x002E): an UNDEFINED field whose value is the whole JPEG.</summary>
        public Ifd InlineBlob(ushort tag, byte[] blob) { Fields.Add(new Field(tag, 7, blob.Length, null) { Blob = blob, Inline = true }); return this; }
    }

    internal sealed record Field(ushort Tag, ushort Type, int Count, Func<TiffBuilder, byte[]>? Encode)
    {
        public byte[]? Blob { get; init; }
        public ushort? LengthTag { get; init; }
        public Ifd[]? ChildIfds { get; init; }
        public bool Inline { get; init; }
    }

    /// <summary>The file: header (magic and optional tail), data, IFDs; IFD0 and its chain from <paramref name="ifd0"/>.</summary>
    public byte[] Build(Ifd ifd0, ushort magic = 42, byte[]? headerTail = null, byte[]? byteOrder = null)
    {
        _out.Write(byteOrder ?? (_little ? "II"u8.ToArray() : "MM"u8.ToArray()));
        _out.Write(Shorts(magic));
        _out.Write(new byte[4]);                       // IFD0 offset, patched below
        if (headerTail is not null) _out.Write(headerTail);
        var chain = new[] { ifd0 }.Concat(ifd0.Chain).ToList();
        uint next = 0;
        for (var i = chain.Count - 1; i >= 0; i--) next = WriteIfd(chain[i], next);
        var bytes = _out.ToArray();
        Longs(next).CopyTo(bytes, 4);
        return bytes;
    }

    private uint WriteIfd(Ifd ifd, uint next)
    {
        var entries = new List<(ushort Tag, ushort Type, uint Count, byte[] Value)>();
        foreach (var f in ifd.Fields)
        {
            if (f.Blob is not null && f.Inline)
            {
                entries.Add((f.Tag, f.Type, (uint)f.Blob.Length, Longs(Append(f.Blob))));
            }
            else if (f.Blob is not null)
            {
                entries.Add((f.Tag, 4, 1, Longs(Append(f.Blob))));
                entries.Add((f.LengthTag!.Value, 4, 1, Longs((uint)f.Blob.Length)));
            }
            else if (f.ChildIfds is not null)
            {
                var offsets = f.ChildIfds.Select(c => WriteIfd(c, 0)).ToArray();
                var value = Longs(offsets);
                entries.Add((f.Tag, f.Type, (uint)offsets.Length, value.Length <= 4 ? value : Longs(Append(value))));
            }
            else
            {
                var value = f.Encode!(this);
                entries.Add((f.Tag, f.Type, (uint)f.Count, value.Length <= 4 ? value : Longs(Append(value))));
            }
        }
        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        var offset = (uint)Align();
        _out.Write(Shorts((ushort)entries.Count));
        foreach (var e in entries)
        {
            _out.Write(Shorts(e.Tag));
            _out.Write(Shorts(e.Type));
            _out.Write(Longs(e.Count));
            var v = new byte[4];
            e.Value.CopyTo(v, 0);
            _out.Write(v);
        }
        _out.Write(Longs(next));
        return offset;
    }

    private uint Append(byte[] data)
    {
        var offset = (uint)Align();
        _out.Write(data);
        return offset;
    }

    private long Align()
    {
        if (_out.Length % 2 == 1) _out.WriteByte(0);
        return _out.Length;
    }

    internal byte[] Shorts(params ushort[] values)
    {
        var b = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            if (_little) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), values[i]);
            else BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(i * 2), values[i]);
        }
        return b;
    }

    internal byte[] Longs(params uint[] values)
    {
        var b = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            if (_little) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 4), values[i]);
            else BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 4), values[i]);
        }
        return b;
    }
}
