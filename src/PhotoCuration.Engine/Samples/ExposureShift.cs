using PhotoCuration.Engine.Preprocess;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Engine.Samples;

/// <summary>An exposure change of ±EV as a camera would make it: scaled in linear light, clipped, re-encoded to sRGB.</summary>
public static class ExposureShift
{
    public static Image<Rgb24> Apply(Image<Rgb24> source, double ev)
    {
        var factor = Math.Pow(2, ev);
        var lut = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            var linear = IccToSrgbConverter.SrgbDecode(i / 255f) * factor;
            lut[i] = (byte)Math.Round(Math.Clamp(IccToSrgbConverter.SrgbEncode((float)Math.Min(1, linear)), 0, 1) * 255);
        }
        var image = source.Clone();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (ref var p in rows.GetRowSpan(y)) p = new Rgb24(lut[p.R], lut[p.G], lut[p.B]);
            }
        });
        return image;
    }
}
