using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// A burst made from a real portrait (skimage's astronaut, at 1024 px): the original, the face region
/// alone blurred (σ 2, 3 or 4 px), the face alone darkened 1.5 EV. Through the real engine (ingest,
/// preprocess, features, the face stage, scoring, the moment ranking): the original is the hero every
/// time and the two others lose with face reasons (docs/algorithms.md#faces-inside-a-moment).
/// </summary>
public sealed class FaceBurstRankingTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;

    public FaceBurstRankingTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    [FaceDataTheory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(4.0)]
    public void Original_IsTheHero_SoftAndDarkFacesLoseWithFaceReasons(double sigma)
    {
        var catalog = new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));
        var (analyzer, modelId) = FaceStage.Open(catalog, ModelDevice.Cpu, 1);
        using var _ = analyzer;
        var shoot = Directory.CreateDirectory(Path.Combine(_temp.Path, "shoot")).FullName;
        using var original = Image.Load<Rgb24>(FaceFixtures.Fixture("astronaut.png"));
        original.Mutate(x => x.Resize(1024, 1024));
        var face = FaceBox(analyzer!, original);
        original.SaveAsJpeg(Path.Combine(shoot, "a_original.jpg"), new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 95 });
        using (var blurred = original.Clone(x => x.GaussianBlur((float)sigma, face)))
        {
            blurred.SaveAsJpeg(Path.Combine(shoot, "b_face_blurred.jpg"), new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 95 });
        }
        using (var dark = original.Clone())
        {
            Darken(dark, face, 1.5);
            dark.SaveAsJpeg(Path.Combine(shoot, "c_face_dark.jpg"), new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 95 });
        }

        var theme = ThemeLoader.BuiltIn();
        var layout = new WorkspaceLayout(Path.Combine(_temp.Path, "ws"));
        var photos = EnginePipeline.Score(shoot, layout, "burst", theme, new UserOverrides(null, null));
        var stage = new FaceStage(layout, analyzer, modelId);
        foreach (var p in photos) stage.Attach(p, stage.Process(p));
        Assert.All(photos, p => Assert.NotEmpty(p.Faces!));

        var ranked = MomentRanker.Rank(photos);
        var why = MomentRanker.Explain(ranked, theme.Weights);
        foreach (var r in why) _output.WriteLine($"{r.Rank} {r.FileName}: {r.Reason}");
        foreach (var p in photos) _output.WriteLine($"{p.FileName}: face sharpness {p.Faces![0].Sharpness:0.000} EV {p.Faces[0].ExposureEv:0.00} frame detail {p.Features!.Detail:0.000} total {p.Score!.Total:0.000}");
        Assert.Equal("a_original.jpg", ranked[0].FileName);
        Assert.Contains("face softer than hero's", why.Single(r => r.FileName == "b_face_blurred.jpg").Reason);
        Assert.Contains("face darker than hero's", why.Single(r => r.FileName == "c_face_dark.jpg").Reason);
    }

    /// <summary>The detected face box grown by a tenth on each side, in pixels.</summary>
    private static Rectangle FaceBox(FaceAnalyzer analyzer, Image<Rgb24> image)
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
    private static void Darken(Image<Rgb24> image, Rectangle region, double ev)
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
