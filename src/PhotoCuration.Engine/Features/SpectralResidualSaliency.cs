using System.Numerics;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Formats.Png;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// Spectral residual saliency (Hou &amp; Zhang, CVPR 2007; OpenCV contrib
/// staticSaliencySpectralResidual.cpp, REFERENCE 4.1): luma at 64×64 (aspect ignored, as OpenCV),
/// 2-D DFT, L = log(|F| + ε), residual R = L − box3×3(L), inverse DFT of exp(R)·e^{iP}, magnitude,
/// Gaussian blur (σ = 8, 5×5 as OpenCV), squared, divided by its maximum. (Mirror padding against the
/// DFT's periodic boundary was tried: it suppresses saliency along the frame edges, which the edge-cut
/// measure needs, so the transform is unpadded as in OpenCV.)
/// </summary>
public static class SpectralResidualSaliency
{
    public const int Size = 64;
    private const double Epsilon = 1e-9;   // flat images have |F| = 0 away from DC
    private const double BlurSigma = 8;

    /// <summary>The saliency map, [row, column], values in [0,1].</summary>
    public static float[,] Compute(FeatureImage image)
    {
        var small = Downsampler.Luma(image, Size, Size);
        var grid = new Complex[Size, Size];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                grid[y, x] = new Complex(small[y, x], 0);
        Fft.Transform2D(grid, inverse: false);

        var logAmplitude = new double[Size, Size];
        var phase = new double[Size, Size];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                logAmplitude[y, x] = Math.Log(grid[y, x].Magnitude + Epsilon);
                phase[y, x] = grid[y, x].Phase;
            }
        var average = Box3(logAmplitude);
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                grid[y, x] = Complex.FromPolarCoordinates(Math.Exp(logAmplitude[y, x] - average[y, x]), phase[y, x]);
        Fft.Transform2D(grid, inverse: true);

        var magnitude = new double[Size, Size];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                magnitude[y, x] = grid[y, x].Magnitude;
        var blurred = Gaussian5(magnitude, BlurSigma);
        double max = 0;
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                blurred[y, x] *= blurred[y, x];
                max = Math.Max(max, blurred[y, x]);
            }
        var map = new float[Size, Size];
        if (max <= 0) return map;
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                map[y, x] = (float)(blurred[y, x] / max);
        return map;
    }

    /// <summary>
    /// Writes the map as an 8-bit grey PNG at the image's aspect (long edge 256), atomically. The
    /// upscale is bilinear between cell centres (edges clamped), done here on a byte plane: ImageSharp's
    /// resize and default PNG settings cost more than all the features together.
    /// </summary>
    public static void WritePng(float[,] map, int imageWidth, int imageHeight, string path)
    {
        var scale = 256.0 / Math.Max(imageWidth, imageHeight);
        int width = Math.Max(1, (int)Math.Round(imageWidth * scale)), height = Math.Max(1, (int)Math.Round(imageHeight * scale));
        var pixels = new byte[width * height];
        var (x0, x1, fx) = Taps(width);
        var (y0, y1, fy) = Taps(height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var top = map[y0[y], x0[x]] * (1 - fx[x]) + map[y0[y], x1[x]] * fx[x];
                var bottom = map[y1[y], x0[x]] * (1 - fx[x]) + map[y1[y], x1[x]] * fx[x];
                pixels[y * width + x] = (byte)Math.Clamp((int)MathF.Round((top * (1 - fy[y]) + bottom * fy[y]) * 255), 0, 255);
            }
        using var png = Image.LoadPixelData<L8>(ImagingConfiguration.Shared, pixels, width, height);
        AtomicFile.Write(path, s => png.SaveAsPng(s, PngSettings));
    }

    private static readonly PngEncoder PngSettings = new()
    {
        ColorType = PngColorType.Grayscale,
        BitDepth = PngBitDepth.Bit8,
        // A smooth 256-px map: fast deflate is within a few percent of the default's size.
        CompressionLevel = PngCompressionLevel.BestSpeed,
    };

    /// <summary>For each output pixel along one axis: the two map cells around its centre and the weight of the second.</summary>
    private static (int[] First, int[] Second, float[] Weight) Taps(int length)
    {
        var first = new int[length];
        var second = new int[length];
        var weight = new float[length];
        for (var i = 0; i < length; i++)
        {
            var position = Math.Clamp((i + 0.5) * Size / length - 0.5, 0, Size - 1);
            first[i] = (int)position;
            second[i] = Math.Min(first[i] + 1, Size - 1);
            weight[i] = (float)(position - first[i]);
        }
        return (first, second, weight);
    }

    private static double[,] Box3(double[,] v)
    {
        var n = v.GetLength(0);
        var r = new double[n, n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
            {
                double sum = 0;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                        sum += v[Math.Clamp(y + dy, 0, n - 1), Math.Clamp(x + dx, 0, n - 1)];
                r[y, x] = sum / 9;
            }
        return r;
    }

    private static double[,] Gaussian5(double[,] v, double sigma)
    {
        var kernel = Enumerable.Range(-2, 5).Select(i => Math.Exp(-i * i / (2 * sigma * sigma))).ToArray();
        var norm = kernel.Sum();
        var n = v.GetLength(0);
        var tmp = new double[n, n];
        var r = new double[n, n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
            {
                double sum = 0;
                for (var k = -2; k <= 2; k++) sum += kernel[k + 2] * v[y, Math.Clamp(x + k, 0, n - 1)];
                tmp[y, x] = sum / norm;
            }
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
            {
                double sum = 0;
                for (var k = -2; k <= 2; k++) sum += kernel[k + 2] * tmp[Math.Clamp(y + k, 0, n - 1), x];
                r[y, x] = sum / norm;
            }
        return r;
    }
}
