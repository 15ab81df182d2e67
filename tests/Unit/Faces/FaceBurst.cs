using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// The burst made from a real portrait (skimage's astronaut, at 1024 px): <c>a_original.jpg</c>,
/// <c>b_face_blurred.jpg</c> (the face region alone blurred with σ px) and <c>c_face_dark.jpg</c> (the face
/// alone darkened 1.5 EV in linear light). docs/algorithms.md#faces-inside-a-moment
/// </summary>
public static class FaceBurst
{
    public const double DarkenEv = 1.5;

    /// <returns>The face box the edits cover, in pixels of the 1024-px frames.</returns>
    public static Rectangle Write(string shootDir, FaceAnalyzer analyzer, double sigma)
    {
        var encoder = new JpegEncoder { Quality = 95 };
        using var original = Image.Load<Rgb24>(FaceFixtures.Fixture("astronaut.png"));
        original.Mutate(x => x.Resize(1024, 1024));
        var face = FaceBox(analyzer, original);
        original.SaveAsJpeg(Path.Combine(shootDir, "a_original.jpg"), encoder);
        using (var blurred = original.Clone(x => x.GaussianBlur((float)sigma, face)))
        {
            blurred.SaveAsJpeg(Path.Combine(shootDir, "b_face_blurred.jpg"), encoder);
        }
        using (var dark = original.Clone())
        {
            Darken(dark, face, DarkenEv);
            dark.SaveAsJpeg(Path.Combine(shootDir, "c_face_dark.jpg"), encoder);
        }
        return face;
    }

    /// <summary>The detected face box grown by a tenth on each side, in pixels.</summary>
    public static Rectangle FaceBox(FaceAnalyzer analyzer, Image<Rgb24> image)
    {
        using var copy = image.Clone();
        using var frame = FeatureImage.FromImage(copy);
        var f = Assert.Single(analyzer.Analyze(frame));
        double x = f.X * image.Width, y = f.Y * image.Height, w = f.Width * image.Width, h = f.Height * image.Height;
        var rect = new Rectangle((int)(x - 0.1 * w), (int)(y - 0.1 * h), (int)(1.2 * w), (int)(1.2 * h));
        rect.Intersect(new Rectangle(0, 0, image.Width, image.Height));
        return rect;
    }

    /// <summary>Scales linear light inside <paramref name="region"/> by 2^−ev (sRGB decoded and re-encoded).</summary>
    public static void Darken(Image<Rgb24> image, Rectangle region, double ev)
    {
        var factor = Math.Pow(2, -ev);
        static double ToLinear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        static byte ToSrgb(double l) => (byte)Math.Round(255 * Math.Clamp(l <= 0.0031308 ? 12.92 * l : 1.055 * Math.Pow(l, 1 / 2.4) - 0.055, 0, 1));
        image.ProcessPixelRows(rows =>
        {
            for (var y = region.Top; y < region.Bottom; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = region.Left; x < region.Right; x++)
                {
                    var p = row[x];
                    row[x] = new Rgb24(ToSrgb(ToLinear(p.R / 255.0) * factor), ToSrgb(ToLinear(p.G / 255.0) * factor), ToSrgb(ToLinear(p.B / 255.0) * factor));
                }
            }
        });
    }
}
