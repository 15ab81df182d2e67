using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// Structural similarity and detail of two images of the same size, on BT.601 luma: SSIM (Wang et al.
/// 2004, constants C1 = (0.01·255)², C2 = (0.03·255)²) averaged over 8×8 windows with stride 4, and
/// detail as the mean absolute 4-neighbour Laplacian (how much fine structure an image keeps).
/// </summary>
public static class ImageSimilarity
{
    private const double C1 = 6.5025, C2 = 58.5225;
    private const int Window = 8, Stride = 4;

    public static double Ssim(Image<Rgb24> a, Image<Rgb24> b)
    {
        if (a.Width != b.Width || a.Height != b.Height) throw new ArgumentException($"sizes differ: {a.Width}x{a.Height} vs {b.Width}x{b.Height}");
        var x = Luma(a);
        var y = Luma(b);
        var w = a.Width;
        double total = 0;
        var count = 0;
        for (var top = 0; top + Window <= a.Height; top += Stride)
        {
            for (var left = 0; left + Window <= w; left += Stride)
            {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (var j = top; j < top + Window; j++)
                {
                    for (var i = left; i < left + Window; i++)
                    {
                        double p = x[j * w + i], q = y[j * w + i];
                        sx += p; sy += q; sxx += p * p; syy += q * q; sxy += p * q;
                    }
                }
                const double n = Window * Window;
                double mx = sx / n, my = sy / n;
                var vx = sxx / n - mx * mx;
                var vy = syy / n - my * my;
                var cxy = sxy / n - mx * my;
                total += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                count++;
            }
        }
        return total / count;
    }

    public static double Detail(Image<Rgb24> image)
    {
        var l = Luma(image);
        var w = image.Width;
        double sum = 0;
        for (var y = 1; y < image.Height - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                var i = y * w + x;
                sum += Math.Abs(4 * l[i] - l[i - 1] - l[i + 1] - l[i - w] - l[i + w]);
            }
        }
        return sum / ((double)(w - 2) * (image.Height - 2));
    }

    private static float[] Luma(Image<Rgb24> image)
    {
        var luma = new float[image.Width * image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) luma[y * row.Length + x] = 0.299f * row[x].R + 0.587f * row[x].G + 0.114f * row[x].B;
            }
        });
        return luma;
    }
}
