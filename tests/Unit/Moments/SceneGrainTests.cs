using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Tests.Scoring;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Moments;

/// <summary>
/// A grainy scene on real pixels (docs/algorithms.md#scene-grain-inside-a-moment): a real photograph with
/// film-like grain baked into the scene, shot as a burst through the real preprocess, features, scorecard
/// and moment judgment. Alone, every frame of it reads as noisy; inside its moment the grain is the scene's,
/// so the sharp frames are kept and every degraded frame (blurred, smeared, dark, noise added on top of the
/// grain) scores below every sharp one.
/// </summary>
public sealed class SceneGrainTests : IDisposable
{
    private static readonly PhotoTheme Theme = ThemeLoader.BuiltIn();
    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;
    private int _n;

    public SceneGrainTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    public static IEnumerable<object[]> Photos()
    {
        var real = new[] { "Dune.jpg", "Storm.jpg" }.Where(n => File.Exists(Path.Combine(CalibrationPhotos.DebianPhotos, n))).ToList();
        foreach (var name in real) yield return new object[] { name };
        if (real.Count == 0) yield return new object[] { "scene:Mountains" };
    }

    [Theory]
    [MemberData(nameof(Photos))]
    public void Grain_every_frame_shares_is_the_scene_and_degraded_frames_still_score_below(string name)
    {
        using var grainy = Grainy(name);
        using var shifted = grainy.Clone(x => x.Crop(new Rectangle(grainy.Width / 60, 0, grainy.Width - grainy.Width / 60, grainy.Height)));
        using var brighter = Degradations.Exposure(grainy, 0.2);
        using var gauss = Degradations.GaussianBlur(grainy, 0.004);
        using var motion = Degradations.MotionBlur(grainy, 0.015, 40);
        using var dark = Degradations.Exposure(grainy, -3);
        using var noisier = Degradations.SignalNoise(grainy, 0.12, seed: 29);
        var good = new[] { Measure(grainy, "grainy"), Measure(shifted, "shifted"), Measure(brighter, "plus0.2ev") };
        var bad = new[] { Measure(gauss, "gauss0.4"), Measure(motion, "motion1.5"), Measure(dark, "minus3ev"), Measure(noisier, "noise0.12") };
        // Judged alone, the grain reads as noise: the rule below is what keeps these frames.
        Assert.All(good, p => Assert.Contains("noise", p.Score!.DropReasons));

        var members = bad.Concat(good).Reverse().ToList();
        var (ranked, why) = MomentStage.RankMoment(members, Theme, "m_0001");
        foreach (var r in why) _output.WriteLine($"{r.Rank} {r.FileName} {ranked[r.Rank - 1].Score!.Verdict} T={ranked[r.Rank - 1].Score!.Total:0.000}: {r.Reason}");

        foreach (var p in good)
        {
            Assert.Equal(Scorecard.Kept, p.Score!.Verdict);
            Assert.DoesNotContain("noise", p.Score.DropReasons);
            Assert.NotNull(p.Score.SceneNoise);
            Assert.Contains(p.Score.Components, c => c.Name == "noise" && c.Value == 1 && c.Detail.Contains("the scene's own grain"));
        }
        // Noise clearly above the scene's grain still flags.
        Assert.Contains("noise", bad[3].Score!.DropReasons);
        Assert.Null(bad[3].Score!.SceneNoise);
        var lowestGood = good.Min(p => p.Score!.Total);
        Assert.All(bad, b => Assert.True(b.Score!.Total < lowestGood, $"{b.FileName} scores {b.Score!.Total} against a sharp frame's {lowestGood}"));
        Assert.Contains(ranked[0], good);

        // Judging the moment again changes nothing; judged in a moment of its own, a frame is noisy again.
        var totals = members.Select(p => p.Score!.Total).ToArray();
        MomentStage.RankMoment(members, Theme, "m_0001");
        Assert.Equal(totals, members.Select(p => p.Score!.Total).ToArray());
        MomentStage.RankMoment(new[] { good[0] }, Theme, "m_0002");
        Assert.Contains("noise", good[0].Score!.DropReasons);
        Assert.Null(good[0].Score!.SceneNoise);
    }

    [Fact]
    public void Two_frames_take_the_cleaner_as_the_norm()
    {
        using var source = CalibrationPhotos.Load(Photos().First()[0].ToString()!);
        using var noisy = Degradations.SignalNoise(source, 0.12, seed: 3);
        var clean = Measure(source, "clean");
        var grainy = Measure(noisy, "noise0.12");
        MomentStage.RankMoment(new[] { clean, grainy }, Theme, "m_0001");
        Assert.Contains("noise", grainy.Score!.DropReasons);
        Assert.True(grainy.Score.Total < clean.Score!.Total);
    }

    /// <summary>The photo at a 1600-px long edge with grain of a fixed pattern (k = 0.09): the scene itself is grainy.</summary>
    private static Image<Rgb24> Grainy(string name)
    {
        using var image = JudgedFrame.AtJudgmentSize(CalibrationPhotos.Load(name));
        return Degradations.SignalNoise(image, 0.09, seed: 17);
    }

    private Photo Measure(Image<Rgb24> image, string label)
    {
        var photo = JudgedFrame.Measure(image, _temp.File($"{++_n:000}_{label}.jpg"), _temp.File("ws"), Theme);
        var f = photo.Features!;
        _output.WriteLine(FormattableString.Invariant(
            $"{label,-12} detail={f.Detail:0.00} noise={f.NoiseSigma:0.00} p99={f.LumaP99:0.00} Q={photo.Score!.QTech:0.00} T={photo.Score.Total:0.000} {photo.Score.Verdict} {string.Join("; ", photo.Score.FlagReasons)}"));
        return photo;
    }
}
