using PhotoCuration.Engine.Taste;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Samples;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Taste;

/// <summary>
/// Real photographs (the 37 of tests/Data/judgment-sources.json), each made into a moment of five framings
/// (the full frame and four 60–70% crops), measured by the real engine (ingest, preprocess, features,
/// scoring); six shoots of six moments, disjoint by photograph. Simulated photographers pick one frame
/// per moment by a hidden preference over a measured property, with noise (seeded).
/// </summary>
public sealed class SimulatedPhotographerFixture : IDisposable
{
    private readonly TempFolder _dir = new();

    public SimulatedPhotographerFixture()
    {
        if (!JudgmentSources.Installed) return;
        var sources = JudgmentSources.All().Select(e => e.Path).OrderBy(p => p, StringComparer.Ordinal).Take(36).ToList();
        var shootDir = System.IO.Path.Combine(_dir.Path, "frames");
        Directory.CreateDirectory(shootDir);
        for (var s = 0; s < sources.Count; s++) WriteFramings(sources[s], shootDir, s);
        var photos = EnginePipeline.Score(shootDir, new WorkspaceLayout(System.IO.Path.Combine(_dir.Path, "ws")), "sim", ThemeLoader.BuiltIn(), new UserOverrides(null, null));
        Frames = photos.Where(p => p.Features is not null)
            .Select(p => (Moment: p.FileName[..4], p.FileName, Features: p.Features!))
            .OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<(string Moment, string FileName, PhotoFeatures Features)> Frames { get; } = Array.Empty<(string, string, PhotoFeatures)>();

    /// <summary>m000_0 full frame; _1 left 60%; _2 right 60%; _3 centre 60%×60%; _4 top-left 70%×70%.</summary>
    private static void WriteFramings(string source, string folder, int index)
    {
        using var image = Image.Load(source);
        image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(900, 900), Mode = ResizeMode.Max }));
        int w = image.Width, h = image.Height;
        var crops = new[]
        {
            new Rectangle(0, 0, w, h),
            new Rectangle(0, 0, w * 6 / 10, h),
            new Rectangle(w * 4 / 10, 0, w * 6 / 10, h),
            new Rectangle(w * 2 / 10, h * 2 / 10, w * 6 / 10, h * 6 / 10),
            new Rectangle(0, 0, w * 7 / 10, h * 7 / 10),
        };
        for (var c = 0; c < crops.Length; c++)
        {
            using var frame = image.Clone(x => x.Crop(crops[c]));
            frame.Metadata.ExifProfile = null;
            frame.SaveAsJpeg(System.IO.Path.Combine(folder, $"m{index:000}_{c}.jpg"), new JpegEncoder { Quality = 90 });
        }
    }

    public void Dispose() => _dir.Dispose();
}

public sealed class SimulatedPhotographerTests : IClassFixture<SimulatedPhotographerFixture>
{
    private const int Shoots = 6;
    private readonly SimulatedPhotographerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public SimulatedPhotographerTests(SimulatedPhotographerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    /// <summary>The photographer's taste: a measured property, z-scored within the moment, plus Gaussian noise of this spread.</summary>
    private const double Noise = 0.5;

    [JudgmentPhotosFact]
    public void NegativeSpaceLoverIsLearnedTypographyWeightRises()
    {
        var (report, learned) = Learn(f => f.CopySpace, seed: 1);
        Assert.True(report.Adopt, report.Verdict);
        Assert.True(report.LearnedAgreement > report.DefaultAgreement);
        Assert.True(learned.Weights.Typography > ThemeLoader.BuiltIn().Weights.Typography, $"typography {learned.Weights.Typography}");
    }

    /// <summary>
    /// Preferences the five weights could not learn on these framings (a session's trial: held-out agreement
    /// moved by less than 0.015 and none was adopted). The taste over measured properties always finds the
    /// direction (the preference's own property gets the largest positive weight); it is adopted where the
    /// framings of a photo differ enough in that property to beat the base on held-out shoots
    /// (docs/algorithms.md#simulated-photographers: not for contrast and colourfulness, whose crops barely differ).
    /// </summary>
    [JudgmentPhotosTheory]
    [InlineData("contrast", 21, false)]
    [InlineData("thirds", 22, true)]
    [InlineData("warmth", 23, true)]
    [InlineData("detail", 24, true)]
    [InlineData("colourfulness", 25, false)]
    [InlineData("local_contrast", 26, true)]
    [InlineData("balance", 27, true)]
    public void PreferenceOverAMeasuredPropertyIsLearned(string property, int seed, bool adopted)
    {
        var measure = TasteProperties.Find(property)!.Measure;
        var (report, learned) = Learn(measure, seed);
        _output.WriteLine("taste: " + string.Join(", ", learned.Taste!.Properties.Select(p => $"{p.Name} {p.Weight:+0.0000;-0.0000}")));
        var strongest = learned.Taste.Properties.OrderByDescending(p => p.Weight).First();
        Assert.True(strongest.Name == property, $"strongest positive {strongest.Name} {strongest.Weight}");
        if (adopted)
        {
            Assert.True(report.Adopt, report.Verdict);
            Assert.True(report.LearnedAgreement > report.DefaultAgreement, report.Verdict);
        }
    }

    [JudgmentPhotosFact]
    public void RandomRaterIsNotAdopted()
    {
        var (report, _) = Learn(_ => 0, seed: 3);
        Assert.False(report.Adopt, report.Verdict);
    }

    private (TasteEvaluation.Report Report, PhotoTheme Learned) Learn(Func<PhotoFeatures, double> taste, int seed)
    {
        var random = new Random(seed);
        var moments = _fixture.Frames.GroupBy(f => f.Moment).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(36, moments.Count);
        var shoots = new List<TasteShoot>();
        for (var s = 0; s < Shoots; s++)
        {
            var photos = new List<TastePhoto>();
            foreach (var moment in moments.Skip(s * 6).Take(6))
            {
                var frames = moment.ToList();
                photos.AddRange(SimulatedRater.Rate(frames, frames.Select(f => taste(f.Features)).ToList(), Noise, random));
            }
            shoots.Add(new TasteShoot($"shoot{s}", photos));
        }
        var report = TasteEvaluation.Evaluate(shoots, ThemeLoader.BuiltIn(), seed: 19);
        var learned = TasteModel.Learn(shoots, ThemeLoader.BuiltIn(), "learned").Theme;
        _output.WriteLine(report.Verdict);
        _output.WriteLine(string.Join("; ", report.Curve.Select(c => $"{c.Shoots} shoots: learned {c.Learned:0.000} default {c.Default:0.000}")));
        _output.WriteLine($"weights q_tech {learned.Weights.QTech} aesthetic {learned.Weights.Aesthetic} vibe {learned.Weights.Vibe} typography {learned.Weights.Typography} composition {learned.Weights.Composition}; q_tech_min {learned.QTechMin}");
        return (report, learned);
    }
}

/// <summary>A theory on the judgment photos: skipped when they are not installed, unless CI requires them (then it runs and fails).</summary>
public sealed class JudgmentPhotosTheoryAttribute : TheoryAttribute
{
    public JudgmentPhotosTheoryAttribute()
    {
        if (!JudgmentSources.Installed && !JudgmentSources.Required)
            Skip = "judgment photos not installed (apt-get install plasma-workspace-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 mate-backgrounds); CI fails instead";
    }
}
