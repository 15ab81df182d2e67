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
        // The offsets are the same for every pixel, so each sample's integer step and bilinear weights
        // are computed once; only the clamping at the frame edge varies per pixel.
        var taps = new Tap[samples];
        for (var i = 0; i < samples; i++)
        {
            var t = (i / (double)(samples - 1) - 0.5) * length;
            var (ox, oy) = (t * dx, t * dy);
            var (fx, fy) = (Math.Floor(ox), Math.Floor(oy));
            float ax = (float)(ox - fx), ay = (float)(oy - fy);
            taps[i] = new Tap((int)fx, (int)fy, (1 - ax) * (1 - ay), ax * (1 - ay), (1 - ax) * ay, ax * ay);
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
                    foreach (var tap in taps)
                    {
                        int x0 = Math.Clamp(x + tap.Dx, 0, w - 1), x1 = Math.Clamp(x + tap.Dx + 1, 0, w - 1);
                        int y0 = Math.Clamp(y + tap.Dy, 0, h - 1), y1 = Math.Clamp(y + tap.Dy + 1, 0, h - 1);
                        int k00 = (y0 * w + x0) * 3, k10 = (y0 * w + x1) * 3, k01 = (y1 * w + x0) * 3, k11 = (y1 * w + x1) * 3;
                        r += linear[k00] * tap.W00 + linear[k10] * tap.W10 + linear[k01] * tap.W01 + linear[k11] * tap.W11;
                        g += linear[k00 + 1] * tap.W00 + linear[k10 + 1] * tap.W10 + linear[k01 + 1] * tap.W01 + linear[k11 + 1] * tap.W11;
                        b += linear[k00 + 2] * tap.W00 + linear[k10 + 2] * tap.W10 + linear[k01 + 2] * tap.W01 + linear[k11 + 2] * tap.W11;
                    }
                    row[x] = new Rgb24(Encode(r / samples), Encode(g / samples), Encode(b / samples));
                }
            }
        });
        result.Metadata.ExifProfile = null;
        return result;
    }

    /// <summary>One sample of the streak: its whole-pixel step from the pixel and its four bilinear weights.</summary>
    private readonly record struct Tap(int Dx, int Dy, float W00, float W10, float W01, float W11);

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

    private static byte Encode(float linear) =>
        (byte)Math.Clamp((int)MathF.Round(IccToSrgbConverter.SrgbEncode(Math.Clamp(linear, 0f, 1f)) * 255f), 0, 255);
}
