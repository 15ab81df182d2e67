using System.Globalization;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Tests.Samples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>
/// The effective resolution on real photographs (docs/algorithms.md#effective-resolution): an enlargement
/// reads clearly below the frame it was made from, a JPEG re-encode and an exposure change do not move it.
/// Calibrated on the calibration part of tests/Data/judgment-sources.json; the held-out part is checked with
/// the same margins.
/// </summary>
public sealed class EffectiveResolutionTests(ITestOutputHelper output)
{
    [JudgmentPhotosFact]
    public void Calibration_scenes_enlarged_read_clearly_below_their_original_and_a_reencode_does_not()
    {
        Check("calibration");
    }

    [JudgmentPhotosFact]
    public void Held_out_scenes_keep_the_same_margins()
    {
        Check("held-out");
    }

    private void Check(string split)
    {
        var failures = new List<string>();
        foreach (var source in JudgmentSources.All().Where(e => e.Split == split && e.Kind == "scene"))
        {
            using var frame = Load(source.Path);
            var original = Measure(frame, 92);
            var reencoded = Measure(frame, 85);
            using var brighter = ExposureShift.Apply(frame, 0.3);
            var exposed = Measure(brighter, 92);
            using var half = Enlarged(frame, 0.5);
            using var third = Enlarged(frame, 0.35);
            var (fromHalf, fromThird) = (Measure(half, 92), Measure(third, 92));
            output.WriteLine(FormattableString.Invariant($"{source.Path}: original {original:0.00}, q85 {reencoded:0.00}, +0.3 EV {exposed:0.00}, enlarged 0.5x {fromHalf:0.00}, 0.35x {fromThird:0.00}"));
            // An enlargement from half size loses at least 0.1 of the long edge, from a third 0.25 (the
            // calibration read 0.12–0.46 and 0.30–0.64); JPEG q85 and +0.3 EV move it by at most 0.08 (read ≤ 0.05).
            if (fromHalf > original - 0.1) failures.Add($"{source.Path}: 0.5x enlargement {fromHalf:0.00} vs {original:0.00}");
            if (fromThird > original - 0.25) failures.Add($"{source.Path}: 0.35x enlargement {fromThird:0.00} vs {original:0.00}");
            if (Math.Abs(reencoded - original) > 0.08) failures.Add($"{source.Path}: q85 {reencoded:0.00} vs {original:0.00}");
            if (Math.Abs(exposed - original) > 0.08) failures.Add($"{source.Path}: +0.3 EV {exposed:0.00} vs {original:0.00}");
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void A_flat_or_tiny_image_reads_fully_resolved()
    {
        var flat = Enumerable.Repeat((byte)128, 600 * 400 * 3).ToArray();
        Assert.Equal(1, EffectiveResolution.Fraction(flat, 600, 400));
        Assert.Equal(1, EffectiveResolution.Fraction(new byte[100 * 100 * 3], 100, 100));
        Assert.Throws<ArgumentException>(() => EffectiveResolution.Fraction(new byte[10], 600, 400));
    }

    [Fact]
    public void Long_edge_in_pixels_of_the_original_blends_above_the_knee()
    {
        Assert.Equal(800, EffectiveResolution.LongEdge(0.5, 1600, 1600));
        Assert.Equal(1600, EffectiveResolution.LongEdge(1, 1600, 1600));
        // Measured on a 2048 px ranking image of a 6000 px original: clearly short of full is read at 2048 px…
        Assert.Equal(1024, EffectiveResolution.LongEdge(0.5, 2048, 6000));
        Assert.Equal(1638, EffectiveResolution.LongEdge(0.8, 2048, 6000));
        // …fully resolved is the original's, and between them it rises without a jump.
        Assert.Equal(6000, EffectiveResolution.LongEdge(1, 2048, 6000));
        var steps = Enumerable.Range(0, 21).Select(i => EffectiveResolution.LongEdge(0.8 + i * 0.01, 2048, 6000)).ToList();
        Assert.All(steps.Zip(steps.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, 300));
    }

    [JudgmentPhotosFact]
    public void An_enlarged_frame_scores_below_the_frame_it_was_made_from_through_the_features_and_the_scorecard()
    {
        var source = JudgmentSources.All().First(e => e.Split == "calibration" && e.Kind == "scene");
        using var frame = Load(source.Path);
        using var big = Enlarged(frame, 0.45);
        var (original, enlarged) = (Features(frame), Features(big));
        Assert.True(enlarged.EffectiveLongEdge < 0.8 * original.EffectiveLongEdge, $"{enlarged.EffectiveLongEdge} vs {original.EffectiveLongEdge}");
        Assert.Equal(original.LongEdge, enlarged.LongEdge);
        Assert.True(enlarged.Megapixels < original.Megapixels);
        var theme = PhotoCuration.Engine.Themes.ThemeLoader.BuiltIn();
        var (a, b) = (Scorecard.Score(original, theme, false), Scorecard.Score(enlarged, theme, false));
        Assert.True(b.QTech < a.QTech, $"{b.QTech} vs {a.QTech}");
        var part = b.Components.Single(c => c.Name == "resolution");
        Assert.Contains("enlarged from a smaller picture", part.Detail);
        Assert.Contains($"detail up to {enlarged.EffectiveLongEdge} px of the {enlarged.LongEdge} px long edge", part.Detail);
    }

    [Fact]
    public void The_resolution_score_trusts_the_effective_edge_down_to_half_the_long_edge()
    {
        var soft = new PhotoFeatures { Megapixels = 1.6 * 0.2 * 0.2, LongEdge = 1600, EffectiveLongEdge = 320 };
        var (pixel, resolved) = Scorecard.ResolvedMegapixels(soft);
        Assert.Equal(1.6, pixel, 6);
        Assert.Equal(0.4, resolved, 6);
        var sharp = new PhotoFeatures { Megapixels = 1.6, LongEdge = 1600, EffectiveLongEdge = 1600 };
        Assert.Equal((1.6, 1.6), Scorecard.ResolvedMegapixels(sharp));
        // A record from before the measure (no edges) is its pixel count.
        Assert.Equal((2.0, 2.0), Scorecard.ResolvedMegapixels(new PhotoFeatures { Megapixels = 2 }));
    }

    private static PhotoFeatures Features(Image<Rgb24> image)
    {
        using var decoded = RoundTrip(image, 92);
        var fraction = EffectiveResolution.Fraction(Pixels(decoded), decoded.Width, decoded.Height);
        var longEdge = Math.Max(decoded.Width, decoded.Height);
        using var std = decoded.Clone(x => x.Resize(decoded.Width >= decoded.Height ? 1024 : 0, decoded.Width >= decoded.Height ? 0 : 1024, KnownResamplers.Lanczos3));
        using var featureImage = FeatureImage.FromImage(std);
        return FeatureExtractor.Extract(featureImage, null, null, (decoded.Width, decoded.Height), EffectiveResolution.LongEdge(fraction, longEdge, longEdge));
    }

    private static Image<Rgb24> Enlarged(Image<Rgb24> frame, double scale)
    {
        using var small = frame.Clone(x => x.Resize((int)Math.Round(frame.Width * scale), (int)Math.Round(frame.Height * scale), KnownResamplers.Lanczos3));
        return small.Clone(x => x.Resize(frame.Width, frame.Height, KnownResamplers.Bicubic));
    }

    /// <summary>As the judgment shoot makes a frame: upright, long edge 1600 px (Lanczos-3).</summary>
    private static Image<Rgb24> Load(string path)
    {
        var image = Image.Load<Rgb24>(path);
        image.Mutate(x => x.AutoOrient());
        var scale = 1600.0 / Math.Max(image.Width, image.Height);
        if (scale < 1) image.Mutate(x => x.Resize((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale), KnownResamplers.Lanczos3));
        return image;
    }

    private static Image<Rgb24> RoundTrip(Image<Rgb24> image, int quality)
    {
        using var jpeg = new MemoryStream();
        image.SaveAsJpeg(jpeg, new JpegEncoder { Quality = quality });
        jpeg.Position = 0;
        return Image.Load<Rgb24>(jpeg);
    }

    private static byte[] Pixels(Image<Rgb24> image)
    {
        var bytes = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }

    /// <summary>Through a JPEG of that quality, as a frame of the shoot reaches preprocess.</summary>
    private static double Measure(Image<Rgb24> image, int quality)
    {
        using var decoded = RoundTrip(image, quality);
        return EffectiveResolution.Fraction(Pixels(decoded), decoded.Width, decoded.Height);
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}

public sealed class RenderedSceneResolutionTests(ITestOutputHelper output)
{
    /// <summary>The rendered sample shoot the module's own tests use is sharp to the pixel: it reads (nearly) fully resolved (0.93–1.00 measured).</summary>
    [Fact]
    public void Rendered_sample_frames_read_nearly_fully_resolved()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pc-er-rendered-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in new PhotoCuration.Engine.Samples.SampleShootGenerator().Write(folder, new DateTime(2024, 5, 1, 9, 0, 0)))
            {
                using var image = Image.Load<Rgb24>(file);
                var bytes = new byte[image.Width * image.Height * 3];
                image.CopyPixelDataTo(bytes);
                var fraction = EffectiveResolution.Fraction(bytes, image.Width, image.Height);
                output.WriteLine($"{Path.GetFileName(file)} {fraction:0.00}");
                Assert.InRange(fraction, 0.9, 1);
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
