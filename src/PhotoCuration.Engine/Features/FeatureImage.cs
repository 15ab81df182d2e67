using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PhotoCuration.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// The standardized image decoded once into the planes every feature reads: interleaved 8-bit RGB and
/// luma in [0,1]. Luma is BT.709 on the gamma-encoded values (docs/algorithms.md#exposure-and-contrast; ImageSharp's L8 uses
/// the same weights), used for every luma-based feature so thresholds stay consistent. The planes are
/// pooled (<see cref="PooledPlane{T}"/>): dispose the image when done.
/// </summary>
public sealed class FeatureImage : IDisposable
{
    public const float WeightR = 0.2126f, WeightG = 0.7152f, WeightB = 0.0722f;

    private readonly PooledPlane<byte> _rgb;
    private readonly PooledPlane<float> _luma;

    private FeatureImage(int width, int height)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), "An image needs at least one pixel.");
        Width = width;
        Height = height;
        _rgb = new PooledPlane<byte>(width * height * 3);
        _luma = new PooledPlane<float>(width * height);
    }

    public FeatureImage(int width, int height, ReadOnlySpan<byte> rgb) : this(width, height)
    {
        if (rgb.Length != width * height * 3) throw new ArgumentException("RGB plane size does not match the dimensions.");
        rgb.CopyTo(_rgb.Span);
        ComputeLuma();
    }

    public int Width { get; }
    public int Height { get; }
    public int PixelCount => Width * Height;
    /// <summary>R, G, B bytes, row-major.</summary>
    public ReadOnlySpan<byte> Rgb => _rgb.Span;
    /// <summary>Luma in [0,1], row-major.</summary>
    public ReadOnlySpan<float> Luma => _luma.Span;

    public static FeatureImage Load(string path)
    {
        using var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, path);
        return FromImage(image);
    }

    /// <summary>Decodes an encoded image held in memory, with the same decoder as <see cref="Load(string)"/>.</summary>
    public static FeatureImage Load(byte[] encoded)
    {
        using var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, encoded);
        return FromImage(image);
    }

    public static FeatureImage FromImage(Image<Rgb24> image)
    {
        var result = new FeatureImage(image.Width, image.Height);
        image.ProcessPixelRows(rows =>
        {
            var rgb = result._rgb.Span;
            var stride = result.Width * 3;
            for (var y = 0; y < rows.Height; y++) MemoryMarshal.AsBytes(rows.GetRowSpan(y)).CopyTo(rgb.Slice(y * stride, stride));
        });
        result.ComputeLuma();
        return result;
    }

    public void Dispose()
    {
        _rgb.Dispose();
        _luma.Dispose();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeLuma()
    {
        ReadOnlySpan<byte> rgb = _rgb.Span;
        var luma = _luma.Span;
        // The weights pre-divided by 255 would round differently from main's (w·v)/255; keep the division.
        for (int i = 0, j = 0; i < luma.Length; i++, j += 3)
        {
            luma[i] = (WeightR * rgb[j] + WeightG * rgb[j + 1] + WeightB * rgb[j + 2]) / 255f;
        }
    }
}
