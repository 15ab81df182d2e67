namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// Finds the largest decodable JPEG embedded in a RAW file by parsing its container (TIFF IFDs, the
/// RAF header, CR3 boxes), never by scanning the bytes. RAW sensor data itself is not decoded: the
/// camera's full-size JPEG rendering is what the pipeline works on (docs/architecture.md#inputs-that-must-work).
/// </summary>
public static class RawPreviewLocator
{
    /// <summary>Candidates checked before giving up (a real RAW has 2–5).</summary>
    private const int MaxCandidates = 64;

    /// <summary>The largest embedded JPEG (by pixels, then bytes, then position), or null when there is none.</summary>
    public static RawPreview? Find(Stream stream, PhotoFormat format)
    {
        var reader = new BoundedReader(stream);
        var candidates = format switch
        {
            PhotoFormat.FujiRaf => RafPreviewScanner.Candidates(reader),
            PhotoFormat.CanonCr3 => Cr3PreviewScanner.Candidates(reader),
            PhotoFormat.CanonCr2 or PhotoFormat.OlympusOrf or PhotoFormat.PanasonicRw2 or PhotoFormat.TiffRaw => TiffPreviewScanner.Candidates(reader),
            _ => Enumerable.Empty<(long, long, string)>(),
        };
        RawPreview? best = null;
        foreach (var (offset, length, source) in candidates.Take(MaxCandidates))
        {
            if (!reader.Contains(offset, length)) continue;
            if (JpegFrame.ReadDecodableFrame(reader, offset, length) is not { } size) continue;
            var preview = new RawPreview(offset, length, size.Width, size.Height, source);
            if (best is null || preview.PixelCount > best.PixelCount
                || (preview.PixelCount == best.PixelCount && preview.Length > best.Length))
            {
                best = preview;
            }
        }
        return best;
    }

    /// <summary>The preview's bytes.</summary>
    public static byte[] Read(Stream stream, RawPreview preview) =>
        new BoundedReader(stream).TryRead(preview.Offset, preview.Length)
        ?? throw new InvalidDataException("The embedded JPEG lies outside the file.");

    /// <summary>The EXIF TIFF blocks (CMT1 IFD0, CMT2 Exif IFD, CMT4 GPS) of a CR3 file.</summary>
    public static IReadOnlyDictionary<string, byte[]> Cr3ExifBlocks(Stream stream) => Cr3MetadataBoxes.Read(new BoundedReader(stream));
}
