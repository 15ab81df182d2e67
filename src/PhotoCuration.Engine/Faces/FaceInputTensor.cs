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
        if (window.Width >= cw && window.Height >= ch)
        {
            Shrink(rgb, stride, window, tensor, mirrored);
            return;
        }
        Span<float> pixel = stackalloc float[3];
        for (var oy = 0; oy < ch; oy++)
        {
            var row = ((py + oy) * size + px) * Channels;
            for (var ox = 0; ox < cw; ox++)
            {
                Bilinear(rgb, stride, window, cw, ch, ox, oy, pixel);
                var o = row + (mirrored ? cw - 1 - ox : ox) * Channels;
                tensor[o] = pixel[0] / 127.5f - 1f;
                tensor[o + 1] = pixel[1] / 127.5f - 1f;
                tensor[o + 2] = pixel[2] / 127.5f - 1f;
            }
        }
    }

    /// <summary>
    /// Each output pixel the mean of the source pixels whose integer span covers it: x0 = X + ox·W/cw,
    /// x1 = max(x0 + 1, X + (ox + 1)·W/cw), the same for y. The spans of a row are computed once per window
    /// and the sums run over the bytes without a call per pixel (the per-pixel version cost about a third
    /// of a model run).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shrink(ReadOnlySpan<byte> rgb, int stride, FaceWindow w, Span<float> tensor, bool mirrored)
    {
        int size = w.Size, cw = w.ContentWidth, ch = w.ContentHeight, px = w.PadX, py = w.PadY;
        int wx = w.X, wy = w.Y, ww = w.Width, wh = w.Height;
        Span<int> starts = stackalloc int[cw];
        Span<int> ends = stackalloc int[cw];
        for (var ox = 0; ox < cw; ox++)
        {
            var x0 = wx + ox * ww / cw;
            starts[ox] = x0 * 3;
            ends[ox] = Math.Max(x0 + 1, wx + (ox + 1) * ww / cw) * 3;
        }
        for (var oy = 0; oy < ch; oy++)
        {
            int y0 = wy + oy * wh / ch, y1 = Math.Max(y0 + 1, wy + (oy + 1) * wh / ch);
            var row = ((py + oy) * size + px) * Channels;
            for (var ox = 0; ox < cw; ox++)
            {
                int start = starts[ox], end = ends[ox];
                int r = 0, g = 0, b = 0;
                for (var y = y0; y < y1; y++)
                {
                    var line = rgb.Slice(y * stride + start, end - start);
                    for (var i = 0; i + 2 < line.Length; i += 3)
                    {
                        r += line[i];
                        g += line[i + 1];
                        b += line[i + 2];
                    }
                }
                float n = (end - start) / 3 * (y1 - y0);
                float mr = r / n, mg = g / n, mb = b / n;
                var o = row + (mirrored ? cw - 1 - ox : ox) * Channels;
                tensor[o] = mr / 127.5f - 1f;
                tensor[o + 1] = mg / 127.5f - 1f;
                tensor[o + 2] = mb / 127.5f - 1f;
            }
        }
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
