using System.Buffers.Binary;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// Reads the frame header (SOFn) of a JPEG to learn its component count: 4 components means CMYK or
/// YCCK, which the processing record names (ImageSharp 2.1 does not expose the decoded colour type).
/// </summary>
public static class JpegHeader
{
    /// <summary>Number of colour components, or null when no frame header is found.</summary>
    public static int? ComponentCount(ReadOnlySpan<byte> jpeg)
    {
        var i = 2; // after SOI
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF) return null;
            var marker = jpeg[i + 1];
            if (marker == 0xFF) { i++; continue; }               // fill byte
            if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7) { i += 2; continue; }
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return i + 9 < jpeg.Length ? jpeg[i + 9] : null;
            }
            if (marker == 0xDA || length < 2) return null;       // scan data reached without a frame header
            i += 2 + length;
        }
        return null;
    }
}
