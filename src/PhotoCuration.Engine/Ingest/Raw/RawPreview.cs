namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// An embedded JPEG inside a RAW container: where its bytes are, the size its frame header declares,
/// and which structure pointed at it (for the processing record).
/// </summary>
public sealed record RawPreview(long Offset, long Length, int Width, int Height, string Source)
{
    public long PixelCount => (long)Width * Height;
}
