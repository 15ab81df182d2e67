using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PhotoCuration.Tests.Scoring;

/// <summary>Controlled degradations of a photograph, as a photographer would produce them by mistake.</summary>
public static class Degradations
{
    /// <summary>Missed focus or camera shake: Gaussian blur of 0.6% of the long edge.</summary>
    public static Image<Rgb24> Blur(Image<Rgb24> source) =>
        source.Clone(x => x.GaussianBlur(Math.Max(source.Width, source.Height) * 0.006f));

    /// <summary>±EV in linear light, clipped, re-encoded to sRGB.</summary>
    public static Image<Rgb24> Exposure(Image<Rgb24> source, double ev)
    {
        var factor = Math.Pow(2, ev);
        var lut = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            var linear = IccToSrgbConverter.SrgbDecode(i / 255f) * factor;
            lut[i] = (byte)Math.Round(Math.Clamp(IccToSrgbConverter.SrgbEncode((float)Math.Min(1, linear)), 0, 1) * 255);
        }
        var image = source.Clone();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (ref var p in rows.GetRowSpan(y)) p = new Rgb24(lut[p.R], lut[p.G], lut[p.B]);
        });
        return image;
    }

    /// <summary>High-ISO noise: Gaussian, σ = 25 levels per channel.</summary>
    public static Image<Rgb24> Noise(Image<Rgb24> source, int seed = 7)
    {
        var random = new Random(seed);
        var image = source.Clone();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (ref var p in rows.GetRowSpan(y))
                {
                    byte N(byte v) => (byte)Math.Clamp((int)Math.Round(v + 25 * Gaussian(random)), 0, 255);
                    p = new Rgb24(N(p.R), N(p.G), N(p.B));
                }
        });
        return image;
    }

    /// <summary>A 5° tilt, cropped to the largest upright rectangle and back to the original size.</summary>
    public static Image<Rgb24> Tilt(Image<Rgb24> source, float degrees = 5)
    {
        var image = source.Clone(x => x.Rotate(degrees));
        // Largest axis-aligned rectangle with the original aspect inside the rotated frame.
        var a = Math.Abs(degrees) * Math.PI / 180;
        double w = source.Width, h = source.Height;
        var scale = 1 / (Math.Cos(a) + Math.Max(w / h, h / w) * Math.Sin(a));
        int cw = (int)(w * scale), ch = (int)(h * scale);
        image.Mutate(x => x.Crop(new Rectangle((image.Width - cw) / 2, (image.Height - ch) / 2, cw, ch)).Resize(source.Width, source.Height));
        return image;
    }

    /// <summary>
    /// The subject cut by the frame: the frame edge runs through the middle of the subject (its
    /// saliency centroid), on the side the subject is nearer to.
    /// </summary>
    public static Image<Rgb24> CutSubject(Image<Rgb24> source)
    {
        var (cx, width) = CutGeometry(source);
        var x = cx >= 0.5 ? (int)(cx * source.Width) - width : (int)(cx * source.Width);
        return source.Clone(c => c.Crop(new Rectangle(Math.Clamp(x, 0, source.Width - width), 0, width, source.Height)));
    }

    /// <summary>A crop of the same size with the subject as central as the frame allows (the fair comparison).</summary>
    public static Image<Rgb24> KeepSubject(Image<Rgb24> source)
    {
        var (cx, width) = CutGeometry(source);
        var x = (int)Math.Clamp(cx * source.Width - width / 2.0, 0, source.Width - width);
        return source.Clone(c => c.Crop(new Rectangle(x, 0, width, source.Height)));
    }

    private static (double CentroidX, int Width) CutGeometry(Image<Rgb24> source)
    {
        using var image = FeatureImage.FromImage(source);
        var cx = CompositionFeatures.Measure(SpectralResidualSaliency.Compute(image)).SubjectX;
        var width = (int)(source.Width * Math.Max(0.5, Math.Max(cx, 1 - cx)));
        return (cx, width);
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
