using PhotoCuration.Engine.Preprocess;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Samples;

/// <summary>
/// Linear motion blur as camera shake makes it: every pixel is the mean of the scene along a straight
/// segment of <c>length</c> pixels at <c>angle</c> degrees (0° = horizontal, counter-clockwise), averaged
/// in linear light because the sensor integrates light, not sRGB codes. Samples are bilinear and one
/// pixel apart; positions outside the frame clamp to the edge. Deterministic (no parallelism).
/// See docs/algorithms.md#degraded-known-moment-shoot.
/// </summary>
public static class MotionBlur
{
    public static Image<Rgb24> Apply(Image<Rgb24> source, double length, double angleDegrees)
    {
        var (w, h) = (source.Width, source.Height);
        var linear = ToLinear(source);
        var samples = Math.Max(2, (int)Math.Ceiling(length) + 1);
        var a = angleDegrees * Math.PI / 180;
        // Image y grows downwards, so a counter-clockwise angle moves up: -sin.
        var (dx, dy) = (Math.Cos(a), -Math.Sin(a));
        var offsets = new (double X, double Y)[samples];
        for (var i = 0; i < samples; i++)
        {
            var t = (i / (double)(samples - 1) - 0.5) * length;
            offsets[i] = (t * dx, t * dy);
        }
        var result = new Image<Rgb24>(w, h);
        result.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++)
                {
                    float r = 0, g = 0, b = 0;
                    foreach (var (ox, oy) in offsets)
                    {
                        var (sr, sg, sb) = Sample(linear, w, h, x + ox, y + oy);
                        r += sr; g += sg; b += sb;
                    }
                    row[x] = new Rgb24(Encode(r / samples), Encode(g / samples), Encode(b / samples));
                }
            }
        });
        result.Metadata.ExifProfile = null;
        return result;
    }

    private static float[] ToLinear(Image<Rgb24> source)
    {
        var lut = new float[256];
        for (var i = 0; i < 256; i++) lut[i] = IccToSrgbConverter.SrgbDecode(i / 255f);
        var (w, h) = (source.Width, source.Height);
        var data = new float[w * h * 3];
        source.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < h; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < w; x++)
                {
                    var k = (y * w + x) * 3;
                    data[k] = lut[row[x].R]; data[k + 1] = lut[row[x].G]; data[k + 2] = lut[row[x].B];
                }
            }
        });
        return data;
    }

    private static (float R, float G, float B) Sample(float[] data, int w, int h, double x, double y)
    {
        x = Math.Clamp(x, 0, w - 1);
        y = Math.Clamp(y, 0, h - 1);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        float w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
        int k00 = (y0 * w + x0) * 3, k10 = (y0 * w + x1) * 3, k01 = (y1 * w + x0) * 3, k11 = (y1 * w + x1) * 3;
        return (
            data[k00] * w00 + data[k10] * w10 + data[k01] * w01 + data[k11] * w11,
            data[k00 + 1] * w00 + data[k10 + 1] * w10 + data[k01 + 1] * w01 + data[k11 + 1] * w11,
            data[k00 + 2] * w00 + data[k10 + 2] * w10 + data[k01 + 2] * w01 + data[k11 + 2] * w11);
    }

    private static byte Encode(float linear) =>
        (byte)Math.Clamp((int)MathF.Round(IccToSrgbConverter.SrgbEncode(Math.Clamp(linear, 0f, 1f)) * 255f), 0, 255);
}
