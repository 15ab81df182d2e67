using PhotoCuration.Engine.Ingest;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

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

    /// <summary>The stored pixels for an upright image under EXIF orientation <paramref name="o"/> (the inverse transform).</summary>
    public static Image<Rgb24> StoreForOrientation(Image<Rgb24> upright, int o)
    {
        var stored = upright.Clone();
        // Orientation says how to turn the stored pixels to display them; storing applies the inverse.
        switch (o)
        {
            case 2: stored.Mutate(x => x.Flip(FlipMode.Horizontal)); break;
            case 3: stored.Mutate(x => x.Rotate(RotateMode.Rotate180)); break;
            case 4: stored.Mutate(x => x.Flip(FlipMode.Vertical)); break;
            case 5: stored.Mutate(x => x.Rotate(RotateMode.Rotate90).Flip(FlipMode.Horizontal)); break; // transpose
            case 6: stored.Mutate(x => x.Rotate(RotateMode.Rotate270)); break;
            case 7: stored.Mutate(x => x.Rotate(RotateMode.Rotate270).Flip(FlipMode.Horizontal)); break; // transverse
            case 8: stored.Mutate(x => x.Rotate(RotateMode.Rotate90)); break;
        }
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)o);
        return stored;
    }

    public static Photo Inspect(string path) => new PhotoInspector().Inspect(path);
}
