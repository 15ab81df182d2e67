using PhotoCuration.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// The standardized image decoded once into the planes every feature reads: interleaved 8-bit RGB and
/// luma in [0,1]. Luma is BT.709 on the gamma-encoded values (REFERENCE 1.2; ImageSharp's L8 uses
/// the same weights), used for every luma-based feature so thresholds stay consistent.
/// </summary>
public sealed class FeatureImage
{
    public const float WeightR = 0.2126f, WeightG = 0.7152f, WeightB = 0.0722f;

    public FeatureImage(int width, int height, byte[] rgb)
    {
        if (rgb.Length != width * height * 3) throw new ArgumentException("RGB plane size does not match the dimensions.");
        Width = width;
        Height = height;
        Rgb = rgb;
        Luma = new float[width * height];
        for (int i = 0, j = 0; i < Luma.Length; i++, j += 3)
        {
            Luma[i] = (WeightR * rgb[j] + WeightG * rgb[j + 1] + WeightB * rgb[j + 2]) / 255f;
        }
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>R, G, B bytes, row-major.</summary>
    public byte[] Rgb { get; }
    /// <summary>Luma in [0,1], row-major.</summary>
    public float[] Luma { get; }

    public static FeatureImage Load(string path)
    {
        using var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, path);
        return FromImage(image);
    }

    public static FeatureImage FromImage(Image<Rgb24> image)
    {
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        return new FeatureImage(image.Width, image.Height, rgb);
    }
}
