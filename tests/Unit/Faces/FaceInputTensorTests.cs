using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using Xunit;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// The BlazeFace input of a shrunk window (docs/algorithms.md#faces) is, value for value, the mean of the
/// source pixels whose integer span covers each output pixel, scaled to [−1, 1]: the faster fill must give
/// the model the same floats as the definition, or detections would move.
/// </summary>
public sealed class FaceInputTensorTests
{
    public static TheoryData<int, int, int, int, bool> Windows() => new()
    {
        { 0, 0, 1024, 683, false },    // the whole frame, 4 px to 1
        { 0, 0, 1024, 683, true },
        { 448, 107, 576, 576, false }, // a tile, 2.25 px to 1
        { 448, 107, 576, 576, true },
        { 13, 29, 301, 517, false },   // odd sizes, taller than wide
        { 700, 0, 324, 260, true },    // 1.27 px to 1: spans of one and two pixels
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void A_shrunk_window_holds_the_box_mean_of_its_source_pixels(int x, int y, int width, int height, bool mirrored)
    {
        var random = new Random(x * 7 + y * 13 + width);
        var rgb = new byte[1024 * 683 * 3];
        random.NextBytes(rgb);
        using var image = new FeatureImage(1024, 683, rgb);
        var window = new FaceWindow(x, y, width, height, IsWholeFrame: x == 0 && y == 0 && width == 1024);

        var tensor = FaceInputTensor.Create(image, window, mirrored);

        var expected = Reference(rgb, 1024 * 3, window, mirrored);
        Assert.Equal(expected.Length, tensor.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(tensor[i])) Assert.Fail($"value {i}: {tensor[i]} vs {expected[i]}");
        }
    }

    /// <summary>The definition, one output pixel at a time.</summary>
    private static float[] Reference(byte[] rgb, int stride, FaceWindow w, bool mirrored)
    {
        int size = w.Size, cw = w.ContentWidth, ch = w.ContentHeight;
        var tensor = Enumerable.Repeat(-1f, size * size * 3).ToArray();
        for (var oy = 0; oy < ch; oy++)
        {
            for (var ox = 0; ox < cw; ox++)
            {
                int x0 = w.X + ox * w.Width / cw, x1 = Math.Max(x0 + 1, w.X + (ox + 1) * w.Width / cw);
                int y0 = w.Y + oy * w.Height / ch, y1 = Math.Max(y0 + 1, w.Y + (oy + 1) * w.Height / ch);
                var sums = new int[3];
                for (var y = y0; y < y1; y++)
                    for (var x = x0; x < x1; x++)
                        for (var c = 0; c < 3; c++) sums[c] += rgb[y * stride + x * 3 + c];
                float n = (x1 - x0) * (y1 - y0);
                var o = (((w.PadY + oy) * size) + w.PadX + (mirrored ? cw - 1 - ox : ox)) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var mean = sums[c] / n;
                    tensor[o + c] = mean / 127.5f - 1f;
                }
            }
        }
        return tensor;
    }
}
