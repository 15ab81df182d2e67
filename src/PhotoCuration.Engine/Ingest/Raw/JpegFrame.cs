using System.Buffers.Binary;

namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// Reads the frame header of a JPEG stored inside a container, walking its marker segments from SOI.
/// Only frames a normal JPEG decoder reads count: baseline, extended and progressive Huffman
/// (SOF0/1/2). RAW files also store their sensor data as lossless JPEG (SOF3, e.g. CR2 IFD3 and
/// DNG tiles) under the same TIFF compression values; those are not previews and are skipped.
/// </summary>
internal static class JpegFrame
{
    /// <summary>Segments read before giving up (a real header has a few dozen).</summary>
    private const int MaxSegments = 512;

    public static (int Width, int Height)? ReadDecodableFrame(BoundedReader reader, long start, long length)
    {
        if (length < 4) return null;
        var end = start + length;
        var soi = reader.TryRead(start, 3);
        if (soi is null || soi[0] != 0xFF || soi[1] != 0xD8 || soi[2] != 0xFF) return null;
        var position = start + 2;
        for (var n = 0; n < MaxSegments && position + 4 <= end; n++)
        {
            var head = reader.TryRead(position, 4);
            if (head is null || head[0] != 0xFF) return null;
            var marker = head[1];
            if (marker == 0xFF) { position++; continue; }
            if (marker is 0x01 or 0xD8 || marker is >= 0xD0 and <= 0xD7) { position += 2; continue; }
            var segmentLength = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(2));
            if (segmentLength < 2) return null;
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                var frame = reader.TryRead(position + 4, 6);
                if (frame is null || segmentLength < 8) return null;
                int height = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(1));
                int width = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(3));
                var components = frame[5];
                return width > 0 && height > 0 && components is 1 or 3 or 4 ? (width, height) : null;
            }
            // Any other frame type (lossless, arithmetic, hierarchical) or scan data without a frame.
            if (marker is >= 0xC3 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC || marker is 0xDA or 0xD9) return null;
            position += 2 + segmentLength;
        }
        return null;
    }
}
