using PhotoCuration.Engine.Taste;
using PhotoCuration.Engine.Themes;
using Xunit;

namespace PhotoCuration.Tests.Taste;

public sealed class WeightFitTests
{
    [Fact]
    public void ProjectionKeepsAPointOfTheSet() =>
        Assert.Equal(new[] { 0.3, 0.25, 0.2, 0.1, 0.15 }, CappedSimplex.Project(new[] { 0.3, 0.25, 0.2, 0.1, 0.15 }, 0.6).Select(x => Math.Round(x, 9)));

    [Fact]
    public void ProjectionCapsAndSharesTheRestEqually() =>
        // τ = −0.1: 1 − τ is capped at 0.6, the four zeros become 0.1.
        Assert.Equal(new[] { 0.6, 0.1, 0.1, 0.1, 0.1 }, CappedSimplex.Project(new[] { 1.0, 0, 0, 0, 0 }, 0.6).Select(x => Math.Round(x, 9)));

    [Fact]
    public void ProjectionOntoThePlainSimplexClipsNegatives() =>
        // τ = −0.1: 0.6 and 0.4; −0.2 + 0.1 < 0 becomes 0.
        Assert.Equal(new[] { 0.6, 0.4, 0 }, CappedSimplex.Project(new[] { 0.5, 0.3, -0.2 }, 1).Select(x => Math.Round(x, 9)));

    private static readonly double[] Prior = { 0.30, 0.25, 0.20, 0.10, 0.15 };

    [Fact]
    public void NoPairsGiveThePrior() => Assert.Equal(Prior, WeightFit.Fit(Array.Empty<PreferencePair>(), Prior).Weights);

    [Fact]
    public void ConsistentPreferenceForOneScoreMovesItsWeightUpWithinTheConstraints()
    {
        // The photographer always prefers more Typography, whatever the other scores do.
        var random = new Random(7);
        var pairs = Enumerable.Range(0, 200).Select(_ =>
        {
            var a = Frame(random);
            var b = Frame(random);
            return a[3] > b[3] ? new PreferencePair(a, b, 1) : new PreferencePair(b, a, 1);
        }).ToList();
        var fit = WeightFit.Fit(pairs, Prior);
        Assert.True(fit.Weights[3] > 0.4, string.Join(" ", fit.Weights));
        Assert.True(fit.Weights.All(w => w >= 0 && w <= WeightFit.Cap + 1e-9));
        Assert.Equal(1, fit.Weights.Sum(), 3);
        // The same data with a much stronger prior stays nearer the prior.
        var strong = WeightFit.Fit(pairs, Prior, 100 * WeightFit.PriorStrength).Weights;
        Assert.True(Distance(strong, Prior) < Distance(fit.Weights, Prior), string.Join(" ", strong));
    }

    [Fact]
    public void CoinFlipPreferencesStayNearThePrior()
    {
        var random = new Random(11);
        var pairs = Enumerable.Range(0, 200).Select(_ => new PreferencePair(Frame(random), Frame(random), 1)).ToList();
        var fit = WeightFit.Fit(pairs, Prior);
        Assert.True(fit.Weights.Zip(Prior).All(x => Math.Abs(x.First - x.Second) < 0.05), string.Join(" ", fit.Weights));
    }

    /// <summary>Five scores of a frame of a burst: scores of siblings differ by a few hundredths to a tenth.</summary>
    private static double[] Frame(Random random) => Enumerable.Range(0, 5).Select(_ => 0.5 + 0.1 * (random.NextDouble() - 0.5)).ToArray();

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    [Fact]
    public void WrittenThemeReadsBackThroughTheLoader()
    {
        var theme = TasteModel.With(ThemeLoader.BuiltIn(), "learned: mine", new[] { 0.1, 0.2, 0.1, 0.55, 0.05 }, 0.26);
        var yaml = ThemeYamlWriter.ToYaml(theme, new[] { "learned from 3 shoots" });
        Assert.StartsWith("# learned from 3 shoots\n", yaml);
        var back = ThemeLoader.Parse(yaml, "t.yaml");
        Assert.Equal("learned: mine", back.Name);
        Assert.Equal(0.55, back.Weights.Typography);
        Assert.Equal(0.26, back.QTechMin);
        Assert.Equal(ThemeLoader.BuiltIn().AxisEmphasis.OrderBy(k => k.Key), back.AxisEmphasis.OrderBy(k => k.Key));
    }
}
