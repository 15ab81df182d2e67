using System.Numerics;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Formats.Png;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// Spectral residual saliency (Hou &amp; Zhang, CVPR 2007; OpenCV contrib
/// staticSaliencySpectralResidual.cpp, docs/algorithms.md#saliency) on a 64×64 transform, with the frame's edges
/// kept out of the DFT's periodic wrap-around:
/// 1. luma area-averaged to a 48×48 core (aspect ignored, as OpenCV) and mirror-padded by 8 cells
///    on each side to 64×64 (half-sample symmetric), so at the real frame edges the field continues
///    as the image itself does instead of jumping to the opposite edge;
/// 2. the periodic component of that field (Moisan 2011, <see cref="RemoveSmoothComponent"/>), so the
///    jump that remains where the pads wrap around does not ring into the frame either;
/// 3. OpenCV's steps: 2-D DFT, L = log(|F| + ε), residual R = L − box3×3(L), inverse DFT of
///    exp(R)·e^{iP}, magnitude, Gaussian blur (σ = 8, 5×5);
/// 4. the core cropped and resampled (bilinear) to the 64×64 map over the whole frame, squared,
///    divided by its maximum.
/// Without 1–2 the DFT sees the top of a landscape (sky) next to its bottom (ground) and the left end
/// of a horizon next to its right end: that artificial edge lit up the frame border of most
/// landscapes (edge cut 0.8–1.0 on a clean horizon), which the edge-cut measure reads as a subject
/// cut by the frame. A subject that really runs off the frame stays salient where it meets the edge:
/// the mirror continues it rather than cancelling it.
/// </summary>
public static class SpectralResidualSaliency
{
    public const int Size = 64;
    /// <summary>[heuristic] Mirror pad per side, in cells of the transform: 1/6 of the core, enough that the wrap's response (blur radius 2 cells) stays in the pad.</summary>
    public const int Pad = 8;
    private const int Core = Size - 2 * Pad;
    private const double Epsilon = 1e-9;   // flat images have |F| = 0 away from DC
    private const double BlurSigma = 8;

    /// <summary>The saliency map, [row, column], values in [0,1], covering the whole frame.</summary>
    public static float[,] Compute(FeatureImage image)
    {
        var core = Downsampler.Luma(image, Core, Core);
        var field = new float[Size, Size];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                field[y, x] = core[Mirror(y - Pad), Mirror(x - Pad)];
        var blurred = Gaussian5(Residual(field), BlurSigma);

        // Back from the core's 48 cells to the map's 64, bilinear between cell centres.
        var (first, second, weight) = Taps(Size, Core);
        var map = new float[Size, Size];
        double max = 0;
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                double V(int cy, int cx) => blurred[cy + Pad, cx + Pad];
                var top = V(first[y], first[x]) * (1 - weight[x]) + V(first[y], second[x]) * weight[x];
                var bottom = V(second[y], first[x]) * (1 - weight[x]) + V(second[y], second[x]) * weight[x];
                var v = top * (1 - weight[y]) + bottom * weight[y];
                v *= v;
                map[y, x] = (float)v;
                max = Math.Max(max, v);
            }
        if (max <= 0) return new float[Size, Size];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                map[y, x] = (float)(map[y, x] / max);
        return map;
    }

    /// <summary>Half-sample symmetric index into the core: −1 → 0, Core → Core − 1.</summary>
    private static int Mirror(int i) => i < 0 ? -1 - i : i >= Core ? 2 * Core - 1 - i : i;

    /// <summary>|IDFT(exp(L − box3(L))·e^{iP})| of the periodic component of a square field.</summary>
    private static double[,] Residual(float[,] field)
    {
        var n = field.GetLength(0);
        var grid = new Complex[n, n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                grid[y, x] = new Complex(field[y, x], 0);
        Fft.Transform2D(grid, inverse: false);
        RemoveSmoothComponent(field, grid);

        var logAmplitude = new double[n, n];
        var phase = new double[n, n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
            {
                logAmplitude[y, x] = Math.Log(grid[y, x].Magnitude + Epsilon);
                phase[y, x] = grid[y, x].Phase;
            }
        var average = Box3(logAmplitude);
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                grid[y, x] = Complex.FromPolarCoordinates(Math.Exp(logAmplitude[y, x] - average[y, x]), phase[y, x]);
        Fft.Transform2D(grid, inverse: true);

        var magnitude = new double[n, n];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                magnitude[y, x] = grid[y, x].Magnitude;
        return magnitude;
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
        var (x0, x1, fx) = Taps(width, Size);
        var (y0, y1, fy) = Taps(height, Size);
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

    /// <summary>For each of <paramref name="length"/> outputs along one axis: the two of <paramref name="cells"/> source cells around its centre and the weight of the second (bilinear, edges clamped).</summary>
    private static (int[] First, int[] Second, float[] Weight) Taps(int length, int cells)
    {
        var first = new int[length];
        var second = new int[length];
        var weight = new float[length];
        for (var i = 0; i < length; i++)
        {
            var position = Math.Clamp((i + 0.5) * cells / length - 0.5, 0, cells - 1);
            first[i] = (int)position;
            second[i] = Math.Min(first[i] + 1, cells - 1);
            weight[i] = (float)(position - first[i]);
        }
        return (first, second, weight);
    }

    /// <summary>
    /// Moisan's periodic + smooth decomposition (J. Math. Imaging Vis. 39, 2011): the DFT treats the
    /// image as tiled, so the jump between opposite edges (sky on top, ground at the bottom) becomes a
    /// strong artificial edge along the frame. Subtracting the smooth component s — the solution of
    /// Δs = Δ_boundary u, whose spectrum is V / (2cos(2πq/M) + 2cos(2πr/N) − 4) with v the boundary
    /// jumps — leaves the periodic component p = u − s, which has the image's content and no jump.
    /// </summary>
    private static void RemoveSmoothComponent(float[,] u, Complex[,] spectrum)
    {
        var n = u.GetLength(0);
        var v = new Complex[n, n];
        for (var i = 0; i < n; i++)
        {
            var top = u[n - 1, i] - u[0, i];
            v[0, i] += top;
            v[n - 1, i] -= top;
            var left = u[i, n - 1] - u[i, 0];
            v[i, 0] += left;
            v[i, n - 1] -= left;
        }
        Fft.Transform2D(v, inverse: false);
        for (var q = 0; q < n; q++)
            for (var r = 0; r < n; r++)
            {
                if (q == 0 && r == 0) continue;
                var denominator = 2 * Math.Cos(2 * Math.PI * q / n) + 2 * Math.Cos(2 * Math.PI * r / n) - 4;
                spectrum[q, r] -= v[q, r] / denominator;
            }
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
