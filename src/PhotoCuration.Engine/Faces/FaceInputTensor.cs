using System.Runtime.CompilerServices;
using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// Fills the BlazeFace input, float [1, 256, 256, 3] channels last, RGB scaled to [−1, 1] (v/127.5 − 1,
/// MediaPipe's TfLiteConverterCalculator zero_center), from one <see cref="FaceWindow"/> of the image.
/// Shrinking averages every source pixel under an output pixel (a box filter: point sampling a
/// 1024-px frame at 256 would alias fine texture into face-like blobs); enlarging is bilinear.
/// Padding is black (−1), as MediaPipe's letterbox. docs/algorithms.md#faces
/// </summary>
public static class FaceInputTensor
{
    public const int Channels = 3;
    public static int Length(int size = BlazeFaceAnchors.InputSize) => size * size * Channels;

    public static float[] Create(FeatureImage image, FaceWindow window, bool mirrored = false)
    {
        var tensor = new float[Length(window.Size)];
        Fill(image, window, tensor, mirrored);
        return tensor;
    }

    /// <summary>Fills <paramref name="tensor"/>; <paramref name="mirrored"/> flips the window left to right (the mirror check).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(FeatureImage image, FaceWindow window, Span<float> tensor, bool mirrored = false)
    {
        if (tensor.Length != Length(window.Size)) throw new ArgumentException($"The tensor holds {tensor.Length} values, the window needs {Length(window.Size)}.");
        if (window.X < 0 || window.Y < 0 || window.X + window.Width > image.Width || window.Y + window.Height > image.Height)
            throw new ArgumentOutOfRangeException(nameof(window), $"Window {window} leaves the {image.Width}×{image.Height} image.");
        tensor.Fill(-1f);
        int size = window.Size, cw = window.ContentWidth, ch = window.ContentHeight, px = window.PadX, py = window.PadY;
        var rgb = image.Rgb;
        var stride = image.Width * 3;
        var shrink = window.Width >= cw && window.Height >= ch;
        Span<float> pixel = stackalloc float[3];
        for (var oy = 0; oy < ch; oy++)
        {
            var row = ((py + oy) * size + px) * Channels;
            for (var ox = 0; ox < cw; ox++)
            {
                if (shrink) BoxMean(rgb, stride, window, cw, ch, ox, oy, pixel);
                else Bilinear(rgb, stride, window, cw, ch, ox, oy, pixel);
                var o = row + (mirrored ? cw - 1 - ox : ox) * Channels;
                tensor[o] = pixel[0] / 127.5f - 1f;
                tensor[o + 1] = pixel[1] / 127.5f - 1f;
                tensor[o + 2] = pixel[2] / 127.5f - 1f;
            }
        }
    }

    /// <summary>Mean of the source pixels whose integer span covers output pixel (ox, oy).</summary>
    private static void BoxMean(ReadOnlySpan<byte> rgb, int stride, FaceWindow w, int cw, int ch, int ox, int oy, Span<float> pixel)
    {
        int x0 = w.X + ox * w.Width / cw, x1 = Math.Max(x0 + 1, w.X + (ox + 1) * w.Width / cw);
        int y0 = w.Y + oy * w.Height / ch, y1 = Math.Max(y0 + 1, w.Y + (oy + 1) * w.Height / ch);
        int r = 0, g = 0, b = 0;
        for (var y = y0; y < y1; y++)
        {
            var i = y * stride + x0 * 3;
            for (var x = x0; x < x1; x++, i += 3)
            {
                r += rgb[i];
                g += rgb[i + 1];
                b += rgb[i + 2];
            }
        }
        float n = (x1 - x0) * (y1 - y0);
        pixel[0] = r / n;
        pixel[1] = g / n;
        pixel[2] = b / n;
    }

    /// <summary>Bilinear sample at the output pixel's centre (half-pixel aligned, clamped to the window).</summary>
    private static void Bilinear(ReadOnlySpan<byte> rgb, int stride, FaceWindow w, int cw, int ch, int ox, int oy, Span<float> pixel)
    {
        var sx = Math.Clamp((ox + 0.5) * w.Width / cw - 0.5, 0, w.Width - 1);
        var sy = Math.Clamp((oy + 0.5) * w.Height / ch - 0.5, 0, w.Height - 1);
        int x0 = (int)sx, y0 = (int)sy;
        int x1 = Math.Min(x0 + 1, w.Width - 1), y1 = Math.Min(y0 + 1, w.Height - 1);
        float fx = (float)(sx - x0), fy = (float)(sy - y0);
        for (var c = 0; c < 3; c++)
        {
            float a = rgb[(w.Y + y0) * stride + (w.X + x0) * 3 + c], b = rgb[(w.Y + y0) * stride + (w.X + x1) * 3 + c];
            float d = rgb[(w.Y + y1) * stride + (w.X + x0) * 3 + c], e = rgb[(w.Y + y1) * stride + (w.X + x1) * 3 + c];
            pixel[c] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
        }
    }
}
