using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Samples;

/// <summary>
/// Signal-dependent sensor noise, the shape of shot noise at high ISO: on each channel's sRGB value v in
/// [0, 1], v' = clip(v + k·√v·n) with n ~ N(0, 1) drawn per pixel and channel (Box–Muller) from a seeded
/// generator. At k = 0.12 a mid-grey (v = 0.5) gets σ ≈ 0.085 (≈ 22 of 255 levels), shadows less, highlights
/// more. See docs/algorithms.md#degraded-known-moment-shoot.
/// </summary>
public static class SignalNoise
{
    public static Image<Rgb24> Apply(Image<Rgb24> source, double k, int seed)
    {
        var random = new Random(seed);
        var sigma = new double[256];
        for (var i = 0; i < 256; i++) sigma[i] = k * Math.Sqrt(i / 255.0) * 255.0;
        var image = source.Clone();
        image.Metadata.ExifProfile = null;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (ref var p in rows.GetRowSpan(y))
                {
                    p = new Rgb24(Noisy(p.R, sigma, random), Noisy(p.G, sigma, random), Noisy(p.B, sigma, random));
                }
            }
        });
        return image;
    }

    private static byte Noisy(byte v, double[] sigma, Random random) =>
        (byte)Math.Clamp((int)Math.Round(v + sigma[v] * Gaussian(random)), 0, 255);

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
