namespace PhotoCuration.Engine.Imaging;

/// <summary>
/// Packed 8-bit sRGB pixels (R, G, B per pixel, rows top to bottom, no padding): what the libvips
/// path hands between decode, colour conversion, resize and encode.
/// </summary>
public sealed record RgbPixels(byte[] Data, int Width, int Height)
{
    /// <summary>Upright size of the original, before any reduction.</summary>
    public int OriginalWidth { get; init; }
    public int OriginalHeight { get; init; }

    /// <summary>EXIF orientation (1–8) that was applied.</summary>
    public int Orientation { get; init; } = 1;

    /// <summary>The JPEG shrink-on-load factor used (1, 2, 4 or 8).</summary>
    public int Shrink { get; init; } = 1;

    /// <summary>The ICC profile the file embeds, or null.</summary>
    public byte[]? IccProfile { get; init; }
}
