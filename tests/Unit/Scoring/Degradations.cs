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
    public static Image<Rgb24> Exposure(Image<Rgb24> source, double ev) => PhotoCuration.Engine.Samples.ExposureShift.Apply(source, ev);

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

    /// <summary>Gaussian blur with σ as a fraction of the long edge (missed focus).</summary>
    public static Image<Rgb24> GaussianBlur(Image<Rgb24> source, double sigmaFraction) =>
        source.Clone(x => x.GaussianBlur((float)(Math.Max(source.Width, source.Height) * sigmaFraction)));

    /// <summary>
    /// Camera shake or subject motion: the mean of the image along a line of <paramref name="lengthFraction"/>
    /// of the long edge at <paramref name="degrees"/> counter-clockwise from horizontal, sampled every pixel
    /// with bilinear interpolation (a linear motion PSF), borders replicated.
    /// </summary>
    public static Image<Rgb24> MotionBlur(Image<Rgb24> source, double lengthFraction, double degrees)
    {
        int w = source.Width, h = source.Height;
        var length = Math.Max(source.Width, source.Height) * lengthFraction;
        var taps = Math.Max(2, (int)Math.Ceiling(length) + 1);
        var a = degrees * Math.PI / 180;
        // Image rows run downwards: counter-clockwise on screen is −y.
        double ux = Math.Cos(a), uy = -Math.Sin(a);
        var plane = new float[w * h * 3];
        source.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++) { var o = (y * w + x) * 3; plane[o] = row[x].R; plane[o + 1] = row[x].G; plane[o + 2] = row[x].B; }
            }
        });
        var result = new Image<Rgb24>(w, h);
        var offsets = Enumerable.Range(0, taps).Select(i => (length * i / (taps - 1) - length / 2)).ToArray();
        result.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++)
                {
                    float r = 0, g = 0, b = 0;
                    foreach (var t in offsets)
                    {
                        var sx = Math.Clamp(x + t * ux, 0, w - 1);
                        var sy = Math.Clamp(y + t * uy, 0, h - 1);
                        int x0 = (int)sx, y0 = (int)sy, x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
                        float fx = (float)(sx - x0), fy = (float)(sy - y0);
                        for (var c = 0; c < 3; c++)
                        {
                            var v = (1 - fy) * ((1 - fx) * plane[(y0 * w + x0) * 3 + c] + fx * plane[(y0 * w + x1) * 3 + c])
                                  + fy * ((1 - fx) * plane[(y1 * w + x0) * 3 + c] + fx * plane[(y1 * w + x1) * 3 + c]);
                            if (c == 0) r += v; else if (c == 1) g += v; else b += v;
                        }
                    }
                    row[x] = new Rgb24(Byte(r / taps), Byte(g / taps), Byte(b / taps));
                }
            }
        });
        return result;
    }

    /// <summary>Sensor-like noise whose σ grows with the signal: σ = <paramref name="strength"/>·√v for v in [0,1], per channel.</summary>
    public static Image<Rgb24> SignalNoise(Image<Rgb24> source, double strength, int seed = 11)
    {
        var random = new Random(seed);
        var image = source.Clone();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (ref var p in rows.GetRowSpan(y))
                {
                    byte N(byte v) => Byte(v + 255 * strength * Math.Sqrt(v / 255.0) * Gaussian(random));
                    p = new Rgb24(N(p.R), N(p.G), N(p.B));
                }
        });
        return image;
    }

    /// <summary>Fog or mist: the scene seen through a bright veil (global contrast falls, fine detail stays).</summary>
    public static Image<Rgb24> Mist(Image<Rgb24> source, double veil = 0.6, byte level = 215)
    {
        var image = source.Clone();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (ref var p in rows.GetRowSpan(y))
                {
                    byte M(byte v) => Byte((1 - veil) * v + veil * level);
                    p = new Rgb24(M(p.R), M(p.G), M(p.B));
                }
        });
        return image;
    }

    /// <summary>A smaller copy of the photo (a frame exported at a lower resolution).</summary>
    public static Image<Rgb24> Resized(Image<Rgb24> source, double scale) =>
        source.Clone(x => x.Resize((int)Math.Round(source.Width * scale), (int)Math.Round(source.Height * scale), KnownResamplers.Lanczos3));

    /// <summary>A copy shrunk and enlarged back to the original size: as many pixels, the detail of the small one.</summary>
    public static Image<Rgb24> Upscaled(Image<Rgb24> source, double scale) =>
        Resized(source, scale).Clone(x => x.Resize(source.Width, source.Height, KnownResamplers.Bicubic));

    private static byte Byte(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);

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
