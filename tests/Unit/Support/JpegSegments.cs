namespace PhotoCuration.Tests.Support;

/// <summary>Edits of JPEG byte streams at the segment level.</summary>
public static class JpegSegments
{
    /// <summary>Inserts a marker segment right after SOI (FF D8).</summary>
    public static byte[] InsertAfterSoi(byte[] jpeg, byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, marker, (byte)(length >> 8), (byte)length }.Concat(payload);
        return jpeg[..2].Concat(segment).Concat(jpeg[2..]).ToArray();
    }

    /// <summary>
    /// An APP1 Exif payload as cameras write it: a little-endian TIFF with IFD0 (Orientation = 1) and IFD1
    /// holding an embedded JPEG thumbnail (JPEGInterchangeFormat / JPEGInterchangeFormatLength).
    /// </summary>
    public static byte[] ExifWithThumbnail(byte[] thumbnailJpeg)
    {
        var t = new List<byte>();
        void U16(int v) { t.Add((byte)v); t.Add((byte)(v >> 8)); }
        void U32(int v) { U16(v & 0xFFFF); U16((v >> 16) & 0xFFFF); }
        t.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: one entry, then the offset of IFD1 (8 + 2 + 12 + 4 = 26).
        U16(1); U16(0x0112); U16(3); U32(1); U16(1); U16(0); U32(26);
        // IFD1 at 26: two entries, no next IFD; the thumbnail follows at 26 + 2 + 24 + 4 = 56.
        U16(2);
        U16(0x0201); U16(4); U32(1); U32(56);
        U16(0x0202); U16(4); U32(1); U32(thumbnailJpeg.Length);
        U32(0);
        t.AddRange(thumbnailJpeg);
        return "Exif\0\0"u8.ToArray().Concat(t).ToArray();
    }
}
