using NetVips;
using VipsImage = NetVips.Image;

namespace PhotoCuration.Engine.Imaging;

/// <summary>
/// Packed 8-bit sRGB pixels (R, G, B per pixel, rows top to bottom) held in memory by libvips: what the
/// libvips path hands between decode, colour conversion, resize and encode. They stay in libvips'
/// memory (no copy into a managed array, no 8 MB large-object allocation per photo) unless a managed
/// step must change them (<see cref="Transform"/>). Dispose when done.
/// </summary>
public sealed class RgbPixels : IDisposable
{
    internal RgbPixels(VipsImage image)
    {
        if (image.Bands != 3 || image.Format != Enums.BandFormat.Uchar) throw new ArgumentException($"RGB pixels need 3 uchar bands, not {image.Bands} {image.Format}.", nameof(image));
        Image = image;
    }

    /// <summary>The pixels, a libvips image evaluated into memory (random access, read as often as wanted).</summary>
    internal VipsImage Image { get; private set; }

    public int Width => Image.Width;
    public int Height => Image.Height;

    /// <summary>Upright size of the original, before any reduction.</summary>
    public int OriginalWidth { get; init; }
    public int OriginalHeight { get; init; }

    /// <summary>EXIF orientation (1–8) that was applied.</summary>
    public int Orientation { get; init; } = 1;

    /// <summary>The JPEG shrink-on-load factor used (1, 2, 4 or 8).</summary>
    public int Shrink { get; init; } = 1;

    /// <summary>The ICC profile the file embeds, or null.</summary>
    public byte[]? IccProfile { get; init; }

    /// <summary>A copy of the packed pixels.</summary>
    public byte[] ToArray() => Image.WriteToMemory<byte>();

    /// <summary>
    /// Changes the pixels through a managed copy (the ICC conversion, shared with the ImageSharp path);
    /// libvips then reads the changed array in place.
    /// </summary>
    public void Transform(Action<byte[]> transform)
    {
        var data = ToArray();
        transform(data);
        var changed = VipsImage.NewFromMemory(data, Width, Height, 3, Enums.BandFormat.Uchar);
        Image.Dispose();
        Image = changed;
    }

    public void Dispose() => Image.Dispose();
}
