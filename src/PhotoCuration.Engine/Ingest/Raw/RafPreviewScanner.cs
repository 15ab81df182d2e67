namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// Fujifilm RAF: a big-endian header "FUJIFILMCCD-RAW " + format version (4) + camera id (8) + camera
/// name (32) + directory version (4) + 20 unused bytes, then the embedded JPEG's offset at byte 84
/// and its length at byte 88 (the layout dcraw, LibRaw and ExifTool read).
/// </summary>
internal static class RafPreviewScanner
{
    private const int JpegOffsetField = 84;
    private const int JpegLengthField = 88;

    public static IEnumerable<(long Offset, long Length, string Source)> Candidates(BoundedReader reader)
    {
        if (reader.UInt32BigEndian(JpegOffsetField) is { } offset && reader.UInt32BigEndian(JpegLengthField) is { } length)
        {
            yield return (offset, length, "RAF header JPEG");
        }
    }
}
