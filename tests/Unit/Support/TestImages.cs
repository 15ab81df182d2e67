using PhotoCuration.Engine.Ingest;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Support;

/// <summary>Real pixels for tests: textured images with known content.</summary>
public static class TestImages
{
    public static readonly Rgb24 Red = new(220, 30, 30);
    public static readonly Rgb24 Green = new(30, 200, 40);
    public static readonly Rgb24 Blue = new(30, 40, 220);
    public static readonly Rgb24 Yellow = new(230, 220, 30);

    /// <summary>An upright image with four coloured quadrants: TL red, TR green, BL blue, BR yellow.</summary>
    public static Image<Rgb24> Quadrants(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < width; x++)
                {
                    var top = y < height / 2;
                    var left = x < width / 2;
                    row[x] = top ? (left ? Red : Green) : (left ? Blue : Yellow);
                }
            }
        });
        return image;
    }

    /// <summary>Textured noise so JPEG sizes and decoders behave like on a photo.</summary>
    public static Image<Rgb24> Texture(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < width; x++)
                {
                    var v = (byte)Math.Clamp(128 + 60 * Math.Sin(x * 0.05) + 40 * Math.Cos(y * 0.07) + random.Next(-20, 20), 0, 255);
                    row[x] = new Rgb24(v, (byte)(255 - v), (byte)((v + x) & 255));
                }
            }
        });
        return image;
    }

    /// <summary>Saves a JPEG with 4:4:4 chroma, so colour tests are not blurred by subsampling.</summary>
    public static string SaveJpeg(Image image, string path, int quality = 95)
    {
        image.SaveAsJpeg(path, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio444 });
        return path;
    }

    public static string WriteJpeg(string path, int width = 320, int height = 200, int seed = 1)
    {
        using var image = Texture(width, height, seed);
        return SaveJpeg(image, path);
    }

    public static byte[] JpegBytes(int width = 320, int height = 200, int seed = 1)
    {
        using var image = Texture(width, height, seed);
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 95, ColorType = JpegColorType.YCbCrRatio444 });
        return stream.ToArray();
    }

    /// <summary>
    /// The pixels a camera stores for an upright image under EXIF orientation <paramref name="o"/>, with
    /// the orientation tag set. Written as explicit coordinate maps from the EXIF definition (where the
    /// stored 0th row and 0th column are in the upright picture), not with ImageSharp's own rotations, so
    /// the test does not share a convention with the code under test:
    /// 1 top-left, 2 top-right, 3 bottom-right, 4 bottom-left, 5 left-top, 6 right-top, 7 right-bottom, 8 left-bottom.
    /// </summary>
    public static Image<Rgb24> StoreForOrientation(Image<Rgb24> upright, int o)
    {
        int w = upright.Width, h = upright.Height;
        var swapped = o >= 5;
        var stored = new Image<Rgb24>(swapped ? h : w, swapped ? w : h);
        for (var ys = 0; ys < stored.Height; ys++)
        {
            for (var xs = 0; xs < stored.Width; xs++)
            {
                var (x, y) = o switch
                {
                    1 => (xs, ys),
                    2 => (w - 1 - xs, ys),
                    3 => (w - 1 - xs, h - 1 - ys),
                    4 => (xs, h - 1 - ys),
                    5 => (ys, xs),
                    6 => (w - 1 - ys, xs),
                    7 => (w - 1 - ys, h - 1 - xs),
                    8 => (ys, h - 1 - xs),
                    _ => throw new ArgumentOutOfRangeException(nameof(o)),
                };
                stored[xs, ys] = upright[x, y];
            }
        }
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)o);
        return stored;
    }

    public static bool Near(Rgb24 expected, Rgb24 actual, int tolerance) =>
        Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance;

    public static void AssertNear(Rgb24 expected, Rgb24 actual, int tolerance, string? context = null) =>
        Xunit.Assert.True(Near(expected, actual, tolerance), $"expected {expected} ±{tolerance}, got {actual}{(context is null ? "" : "; " + context)}");

    public static Photo Inspect(string path) => new PhotoInspector().Inspect(path);
}
