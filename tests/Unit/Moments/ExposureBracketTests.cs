using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Tests.Scoring;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Moments;

/// <summary>
/// Frames of one scene under another exposure (a bracket, a blown or dark frame of a burst) are one
/// moment even when their hashes are far apart; different real scenes seconds apart are not joined by
/// that rule. Real photographs (Debian mate-backgrounds) at the standardized size.
/// </summary>
public sealed class ExposureBracketTests
{
    private readonly ITestOutputHelper _output;
    public ExposureBracketTests(ITestOutputHelper output) => _output = output;

    private static readonly MomentParameters Parameters = new();

    [Fact]
    public void Ranks_share_their_mean_on_ties()
    {
        Assert.Equal(new[] { 1.0, 2.5, 2.5, 4.0 }, PhotoCuration.Engine.Core.RankCorrelation.MidRanks(new[] { 0.1, 0.5, 0.5, 0.9 }));
        Assert.Null(ExposureBracket.Correlate(new double[64], new double[64]));
        Assert.Null(ExposureBracket.Correlate(new double[64], new double[16]));
    }

    [Fact]
    public void A_frame_dropped_as_badly_exposed_joins_what_was_shot_within_the_bracket_window_and_only_that()
    {
        var palette = new[] { (50.0, 0.0, 0.0) };
        MomentCandidate Frame(string id, double seconds, ulong hash, bool failed) =>
            new(id, id + ".jpg", seconds, hash, hash, palette, new[] { 1.0 }, null, null, failed);
        var sharp = Frame("a", 0, 0x0123456789abcdefUL, failed: false);
        var blown = Frame("b", 3, 0xfedcba9876543210UL, failed: true);
        var later = Frame("c", 9, 0xfedcba9876543210UL ^ 0xffUL, failed: true);
        var near = MomentLinker.Compare(sharp, blown, 0, 1, Parameters);
        Assert.True(near.Same, near.Rule);
        Assert.Contains("dropped as badly exposed", near.Rule);
        var far = MomentLinker.Compare(sharp, later, 0, 2, Parameters);
        Assert.False(far.Same, far.Rule);
        var bothFine = MomentLinker.Compare(sharp, Frame("d", 3, 0xfedcba9876543210UL, failed: false), 0, 3, Parameters);
        Assert.False(bothFine.Same, bothFine.Rule);
    }

    [Theory]
    [InlineData(2.4)]
    [InlineData(3.3)]
    [InlineData(-3.0)]
    public void A_real_frame_and_its_exposure_shifted_sibling_seconds_apart_are_one_moment(double ev)
    {
        var names = RealPhotos();
        var linked = 0;
        foreach (var name in names)
        {
            var (original, shifted) = (Candidate(name, 0, 0), Candidate(name, ev, 2));
            var evidence = MomentLinker.Compare(original, shifted, 0, 1, Parameters);
            _output.WriteLine($"{name} {ev:+0.0;-0.0} EV: hash {evidence.HashDistance:0.#}, ρ {ExposureBracket.Correlate(original.LumaGrid, shifted.LumaGrid)}, {evidence.Same}: {evidence.Rule}");
            if (evidence.Same) linked++;
        }
        // Frames whose layout of light survives the shift are joined; a frame blown almost white keeps
        // too few unclipped cells to judge and may stay apart (measured: +2.4 EV 11 of 12, +3.3 EV 10 of
        // 12, −3 EV 12 of 12; Wood.jpg, an even texture, has no layout to keep).
        Assert.True(linked >= names.Count * 3 / 4, $"{linked} of {names.Count} linked");
    }

    [Fact]
    public void Different_real_scenes_seconds_apart_are_not_joined_by_the_bracket_rule()
    {
        var names = RealPhotos();
        var candidates = names.Select((n, i) => Candidate(n, 0, 2 * i)).ToArray();
        var joined = new List<string>();
        for (var i = 0; i < candidates.Length; i++)
            for (var j = i + 1; j < candidates.Length; j++)
            {
                var rho = ExposureBracket.Correlate(candidates[i].LumaGrid, candidates[j].LumaGrid);
                _output.WriteLine($"pair {names[i]}–{names[j]} ρ {rho}");
                if (rho is { Rho: >= ExposureBracket.MinRho }) joined.Add($"{names[i]}–{names[j]} ρ {rho.Value.Rho:0.00}");
            }
        _output.WriteLine(string.Join("\n", joined));
        Assert.Empty(joined);
    }

    private static IReadOnlyList<string> RealPhotos()
    {
        var names = CalibrationPhotos.Real().ToList();
        if (names.Count == 0)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, $"{CalibrationPhotos.DebianPhotos} is missing (apt-get install mate-backgrounds)");
            return names;
        }
        return names;
    }

    private static readonly Dictionary<(string, double), MomentCandidate> Cache = new();

    private static MomentCandidate Candidate(string name, double ev, double seconds)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((name, ev), out var c))
            {
                using var source = CalibrationPhotos.Load(name);
                source.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(1024, 1024), Mode = ResizeMode.Max }));
                using var shifted = ev == 0 ? source.Clone() : ExposureShift.Apply(source, ev);
                using var image = FeatureImage.FromImage(shifted);
                var f = FeatureExtractor.Extract(image, null, null);
                c = new MomentCandidate("sha256:" + name + ev, name, 0, PerceptualHash.FromHex(f.PHash), PerceptualHash.FromHex(f.DHash),
                    f.Palette.Select(ColorSpace.HexToLab).ToArray(), f.PaletteShares, null, f.LumaGrid);
                Cache[(name, ev)] = c;
            }
            return new MomentCandidate(c.PhotoId, c.FileName, seconds, c.PHash, c.DHash, c.Palette, c.PaletteShares, null, c.LumaGrid);
        }
    }
}
