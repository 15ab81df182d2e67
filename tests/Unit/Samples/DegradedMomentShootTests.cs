using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;

namespace PhotoCuration.Tests.Samples;

/// <summary>
/// The degraded known-moment shoot of issue 13: deterministic bytes, the documented frames and
/// parameters, and degradations that do what they say on real pixels.
/// </summary>
public sealed class DegradedMomentShootTests : IDisposable
{
    private static readonly DateTime Start = new(2024, 9, 14, 8, 12, 5, 250);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Two small rendered sources (so the test needs no Debian package): a scene to degrade and one must-not-drop photo.</summary>
    private IReadOnlyList<DegradedMomentShoot.Source> RenderedSources()
    {
        var generator = new SampleShootGenerator(480, 320);
        var plan = SampleShootGenerator.Plan();
        string Save(SampleShootGenerator.SceneKind kind, string name)
        {
            using var image = generator.Render(plan.First(f => f.Scene == kind && f.Orientation == 1 && f.BlurSigma == 0));
            var path = _temp.File("src/" + name);
            image.SaveAsJpeg(path, new JpegEncoder { Quality = 95 });
            return path;
        }
        return new[]
        {
            new DegradedMomentShoot.Source(Save(SampleShootGenerator.SceneKind.Mountains, "mountains.jpg"), "scene"),
            new DegradedMomentShoot.Source(Save(SampleShootGenerator.SceneKind.Dusk, "dusk.jpg"), "low-key"),
        };
    }

    [Fact]
    public void Same_sources_and_seed_give_the_same_bytes_and_another_seed_other_frames()
    {
        var sources = RenderedSources();
        var a = DegradedMomentShoot.Write(sources, Path.Combine(_temp.Path, "a"), Start, seed: 5);
        var b = DegradedMomentShoot.Write(sources, Path.Combine(_temp.Path, "b"), Start, seed: 5);
        var c = DegradedMomentShoot.Write(sources, Path.Combine(_temp.Path, "c"), Start, seed: 6);
        Assert.Equal(StageJson.Serialize(a), StageJson.Serialize(b));
        foreach (var frame in a)
        {
            Assert.Equal(File.ReadAllBytes(_temp.File("a/" + frame.File)), File.ReadAllBytes(_temp.File("b/" + frame.File)));
        }
        Assert.NotEqual(StageJson.Serialize(a), StageJson.Serialize(c));
    }

    [Fact]
    public void Every_source_of_the_manifest_gets_its_own_generator_though_wallpapers_share_file_names()
    {
        var seeds = JudgmentSources.All().Select(e => DegradedMomentShoot.SeedFor(13, e.Path)).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.NotEqual(DegradedMomentShoot.SeedFor(13, "/a/2560x1600.jpg"), DegradedMomentShoot.SeedFor(13, "/b/2560x1600.jpg"));
        Assert.NotEqual(DegradedMomentShoot.SeedFor(13, "/a/x.jpg"), DegradedMomentShoot.SeedFor(14, "/a/x.jpg"));
    }

    [Fact]
    public void Each_scene_is_one_moment_of_five_acceptable_and_six_bad_frames_with_the_documented_parameters()
    {
        var sources = RenderedSources();
        var folder = Path.Combine(_temp.Path, "shoot");
        var truth = DegradedMomentShoot.Write(sources, folder, Start, seed: 13);
        var scene = truth.Where(f => f.Kind == "scene").ToList();
        Assert.Equal(11, scene.Count);
        Assert.Single(scene.Select(f => f.Moment).Distinct());
        Assert.Equal(new[] { "exposure", "original", "reencode", "resized", "shift" }, scene.Where(f => f.Role == "acceptable").Select(f => f.Variant).Order());
        Assert.Equal(new[] { "dark_motion_blur", "gaussian_blur", "motion_blur", "noise", "overexposed", "underexposed" }, scene.Where(f => f.Role == "bad").Select(f => f.Variant).Order());
        double P(string variant, string key) => scene.Single(f => f.Variant == variant).Parameters[key];
        Assert.InRange(P("gaussian_blur", "sigma_fraction"), 0.003, 0.007);
        Assert.InRange(P("motion_blur", "length_fraction"), 0.005, 0.025);
        Assert.InRange(P("underexposed", "ev"), -4.5, -2.3);
        Assert.InRange(P("overexposed", "ev"), 2.3, 4.5);
        Assert.InRange(P("noise", "k"), 0.10, 0.14);
        Assert.InRange(Math.Abs(P("exposure", "ev")), 0.15, 0.3);
        Assert.InRange(P("resized", "scale"), 0.5, 0.75);
        var original = scene.Single(f => f.Variant == "original");
        var resized = scene.Single(f => f.Variant == "resized");
        Assert.Equal(original.File, resized.RanksBelow);
        using (var full = Image.Load(Path.Combine(folder, original.File)))
        using (var small = Image.Load(Path.Combine(folder, resized.File)))
        {
            Assert.InRange(small.Width / (double)full.Width, P("resized", "scale") - 0.01, P("resized", "scale") + 0.01);
        }
        // Frames seconds apart in file order (the capture order), moments ten minutes apart.
        var times = scene.OrderBy(f => f.File, StringComparer.Ordinal).Select(f => f.CaptureTime).ToList();
        Assert.All(times.Zip(times.Skip(1)), p => Assert.InRange((p.Second - p.First).TotalSeconds, 1, 3));
        var intent = truth.Where(f => f.Kind == "low-key").ToList();
        Assert.Equal(2, intent.Count);
        Assert.All(intent, f => Assert.Equal("acceptable", f.Role));
        Assert.True((intent.Min(f => f.CaptureTime) - times[0]).TotalMinutes >= 10);
        Assert.All(truth, f => Assert.True(File.Exists(Path.Combine(folder, f.File))));
    }

    private static Image<Rgb24> RealPhoto()
    {
        // Leaves and branches against the sky: fine detail in every direction, so directional losses show.
        var source = JudgmentSources.All().Single(e => e.Path.EndsWith("Dragonfly_by_Bolly.jpg", StringComparison.Ordinal));
        var image = Image.Load<Rgb24>(source.Path);
        image.Mutate(x => x.Resize(800, 0));
        return image;
    }

    /// <summary>Mean absolute luma difference between neighbours along x and along y (0–255).</summary>
    private static (double AlongX, double AlongY) DirectionalDetail(Image<Rgb24> image)
    {
        var luma = new double[image.Height, image.Width];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) luma[y, x] = 0.299 * row[x].R + 0.587 * row[x].G + 0.114 * row[x].B;
            }
        });
        double gx = 0, gy = 0;
        // Stay clear of the border, where the blur clamps to the edge.
        for (var y = 30; y < image.Height - 31; y++)
        {
            for (var x = 30; x < image.Width - 31; x++)
            {
                gx += Math.Abs(luma[y, x + 1] - luma[y, x]);
                gy += Math.Abs(luma[y + 1, x] - luma[y, x]);
            }
        }
        var n = (image.Height - 61.0) * (image.Width - 61.0);
        return (gx / n, gy / n);
    }

    [JudgmentPhotosFact]
    public void Motion_blur_removes_detail_along_its_direction_and_far_less_across_it()
    {
        using var photo = RealPhoto();
        var before = DirectionalDetail(photo);
        using var horizontal = MotionBlur.Apply(photo, 16, 0);
        using var vertical = MotionBlur.Apply(photo, 16, 90);
        var h = DirectionalDetail(horizontal);
        var v = DirectionalDetail(vertical);
        // A streak averages neighbours along its direction: the detail along it goes, the detail across it
        // (which the other direction's streak removes) largely stays. Comparing the two streaks on the
        // same photo cancels the photo's own anisotropy.
        var detail = $"0°: x {h.AlongX / before.AlongX:0.00} y {h.AlongY / before.AlongY:0.00}; 90°: x {v.AlongX / before.AlongX:0.00} y {v.AlongY / before.AlongY:0.00}";
        Assert.True(h.AlongX < 0.7 * v.AlongX, detail);
        Assert.True(v.AlongY < 0.7 * h.AlongY, detail);
        Assert.True(h.AlongX / before.AlongX < 0.5);
    }

    [JudgmentPhotosFact]
    public void An_exposure_shift_scales_the_mean_linear_luminance_by_two_to_the_ev()
    {
        using var photo = RealPhoto();
        var before = MeanLinearLuminance(photo);
        foreach (var ev in new[] { -1.0, -2.3, -3.5 })
        {
            using var darker = ExposureShift.Apply(photo, ev);
            var ratio = MeanLinearLuminance(darker) / before;
            // 8-bit rounding of dark values costs a few percent at the deepest shift.
            Assert.InRange(ratio, Math.Pow(2, ev) * 0.95, Math.Pow(2, ev) * 1.05);
        }
        using var brighter = ExposureShift.Apply(photo, 3);
        var up = MeanLinearLuminance(brighter) / before;
        Assert.InRange(up, 1.5, 8.0 * 1.01); // Clipping at white keeps it under the unclipped factor.
    }

    [JudgmentPhotosFact]
    public void Signal_noise_has_sigma_k_times_root_signal()
    {
        using var photo = RealPhoto();
        const double k = 0.12;
        using var noisy = SignalNoise.Apply(photo, k, seed: 3);
        // Residual per original value, on the red channel, in bins away from the clipped ends.
        var sums = new double[256];
        var squares = new double[256];
        var counts = new long[256];
        photo.ProcessPixelRows(noisy, (a, b) =>
        {
            for (var y = 0; y < a.Height; y++)
            {
                var ra = a.GetRowSpan(y);
                var rb = b.GetRowSpan(y);
                for (var x = 0; x < ra.Length; x++)
                {
                    var d = rb[x].R - (double)ra[x].R;
                    sums[ra[x].R] += d; squares[ra[x].R] += d * d; counts[ra[x].R]++;
                }
            }
        });
        var checkedBins = 0;
        for (var v = 60; v <= 180; v += 20)
        {
            if (counts[v] < 200) continue;
            var mean = sums[v] / counts[v];
            var sigma = Math.Sqrt(squares[v] / counts[v] - mean * mean);
            var expected = k * Math.Sqrt(v / 255.0) * 255;
            Assert.InRange(sigma, expected * 0.9, expected * 1.1);
            checkedBins++;
        }
        Assert.True(checkedBins >= 3, "too few populated bins to check the noise model");
    }

    [JudgmentPhotosFact]
    public void Gaussian_blur_of_half_a_percent_removes_most_fine_detail()
    {
        using var photo = RealPhoto();
        var before = DirectionalDetail(photo);
        using var blurred = photo.Clone(x => x.GaussianBlur(0.005f * 800));
        var after = DirectionalDetail(blurred);
        Assert.True(after.AlongX < 0.5 * before.AlongX && after.AlongY < 0.5 * before.AlongY);
    }

    private static double MeanLinearLuminance(Image<Rgb24> image)
    {
        double sum = 0;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    sum += 0.2126 * IccToSrgbConverter.SrgbDecode(p.R / 255f) + 0.7152 * IccToSrgbConverter.SrgbDecode(p.G / 255f) + 0.0722 * IccToSrgbConverter.SrgbDecode(p.B / 255f);
                }
            }
        });
        return sum / (image.Width * (double)image.Height);
    }
}
