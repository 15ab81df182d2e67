using System.Buffers.Binary;

namespace PhotoCuration.Tests.Support;

/// <summary>Byte-level edits of real JPEG files (marker segments per ITU-T T.81 Annex B).</summary>
public static class JpegEdit
{
    /// <summary>Index of the first segment with <paramref name="marker"/> (e.g. 0xC0 for SOF0, 0xDA for SOS), or -1.</summary>
    public static int FindSegment(byte[] jpeg, byte marker)
    {
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            if (jpeg[i + 1] == marker) return i;
            if (jpeg[i + 1] == 0xDA) return -1;
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
        }
        return -1;
    }

    /// <summary>A copy whose SOF0 frame header declares another size (the pixel data is left as it is).</summary>
    public static byte[] WithDeclaredSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        var sof = FindSegment(copy, 0xC0);
        if (sof < 0) throw new ArgumentException("no SOF0 segment");
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 5), checked((ushort)height));
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 7), checked((ushort)width));
        return copy;
    }

    /// <summary>A copy with one more marker segment right after SOI.</summary>
    public static byte[] InsertSegmentAfterSoi(byte[] jpeg, byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), checked((ushort)(payload.Length + 2)));
        payload.CopyTo(segment, 4);
        return jpeg[..2].Concat(segment).Concat(jpeg[2..]).ToArray();
    }
}
