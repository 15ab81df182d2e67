using System.Buffers.Binary;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// ImageSharp 2.1's TIFF decoder sizes its strip buffer from RowsPerStrip (0x0116) without clamping it
/// to the image height, so a 96×64 TIFF whose RowsPerStrip reads 1,017,323,531 allocated 830 MB (found by
/// the fuzz test). By TIFF 6.0 section 3, a RowsPerStrip at or above ImageLength (0x0101) means one strip
/// holding the whole image, so lowering it to ImageLength changes nothing about the picture. The
/// decoder is given a patched copy; the original file is never touched.
/// </summary>
public static class TiffStripClamp
{
    private const int TagImageLength = 0x0101;
    private const int TagRowsPerStrip = 0x0116;
    private const int MaxIfds = 64;
    private const int MaxEntries = 4096;

    /// <summary>The bytes to decode: <paramref name="tiff"/> itself, or a copy with RowsPerStrip clamped in every IFD.</summary>
    public static byte[] Apply(byte[] tiff)
    {
        if (tiff.Length < 8) return tiff;
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
        else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
        else return tiff;
        uint U32(byte[] b, long at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan((int)at));
        ushort U16(byte[] b, long at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan((int)at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan((int)at));

        byte[]? copy = null;
        var visited = new HashSet<long>();
        long ifd = U32(tiff, 4);
        while (ifd > 0 && ifd + 2 <= tiff.Length && visited.Count < MaxIfds && visited.Add(ifd))
        {
            int count = U16(tiff, ifd);
            if (count > MaxEntries || ifd + 2 + count * 12L + 4 > tiff.Length) break;
            long? height = null;
            long rowsAt = -1;
            int rowsType = 0;
            for (var e = 0; e < count; e++)
            {
                var at = ifd + 2 + e * 12L;
                var tag = U16(tiff, at);
                var type = U16(tiff, at + 2);
                if (tag == TagImageLength) height = type == 3 ? U16(tiff, at + 8) : U32(tiff, at + 8);
                if (tag == TagRowsPerStrip && type is 3 or 4) (rowsAt, rowsType) = (at + 8, type);
            }
            if (height is > 0 and <= uint.MaxValue && rowsAt >= 0)
            {
                var rows = rowsType == 3 ? U16(tiff, rowsAt) : U32(tiff, rowsAt);
                if (rows > height)
                {
                    copy ??= (byte[])tiff.Clone();
                    // A SHORT RowsPerStrip above a height is only possible when the height fits a SHORT too.
                    if (rowsType == 3) Write16(copy, rowsAt, (ushort)height.Value, little);
                    else Write32(copy, rowsAt, (uint)height.Value, little);
                }
            }
            ifd = U32(tiff, ifd + 2 + count * 12L);
        }
        return copy ?? tiff;
    }

    private static void Write16(byte[] b, long at, ushort v, bool little)
    {
        if (little) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan((int)at), v); else BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan((int)at), v);
    }

    private static void Write32(byte[] b, long at, uint v, bool little)
    {
        if (little) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan((int)at), v); else BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan((int)at), v);
    }
}
