using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Taste;
using PhotoCuration.Engine.Themes;
using Xunit;

namespace PhotoCuration.Tests.Taste;

/// <summary>The taste over measured properties: its fit, its theme block, and what the scorecard does with it.</summary>
public sealed class TasteTermTests
{
    [Fact]
    public void FitRecoversTheDirectionOfAHiddenPreference()
    {
        // Choices follow σ(2·Δz₀ − 1·Δz₂ + 10·ΔT); property 1 is irrelevant.
        var random = new Random(5);
        var truth = new[] { 2.0, 0, -1 };
        var pairs = new List<PropertyFit.Pair>();
        for (var k = 0; k < 600; k++)
        {
            var dz = Enumerable.Range(0, 3).Select(_ => Gaussian(random)).ToArray();
            var dt = 0.1 * Gaussian(random);
            var p = 1 / (1 + Math.Exp(-(10 * dt + dz.Zip(truth, (a, b) => a * b).Sum())));
            pairs.Add(random.NextDouble() < p ? new PropertyFit.Pair(dt, dz, 1) : new PropertyFit.Pair(-dt, dz.Select(v => -v).ToArray(), 1));
        }
        var fit = PropertyFit.Fit(pairs, 3);
        Assert.InRange(fit.Coefficients[0], 1.4, 2.6);
        Assert.InRange(fit.Coefficients[1], -0.3, 0.3);
        Assert.InRange(fit.Coefficients[2], -1.4, -0.6);
        Assert.InRange(fit.TotalScale, 4, 16);
        // A stronger ridge pulls every coefficient toward 0.
        var shrunk = PropertyFit.Fit(pairs, 3, ridge: 400);
        Assert.True(Math.Abs(shrunk.Coefficients[0]) < Math.Abs(fit.Coefficients[0]) / 2, $"{shrunk.Coefficients[0]}");
    }

    [Fact]
    public void NoPairsLearnNothing()
    {
        var fit = PropertyFit.Fit(Array.Empty<PropertyFit.Pair>(), 4);
        Assert.Equal(new double[4], fit.Coefficients);
        Assert.Equal(0, fit.TotalScale);
    }

    private const string TasteYaml = """
        name: mine
        taste:
          bound: 0.1
          learned_from: "6 shoot(s)"
          properties:
            warmth: {mean: 0.05, sd: 0.2, weight: 0.04}
            centring: {mean: 0.6, sd: 0.1, weight: -0.02}
        """;

    [Fact]
    public void ThemeReadsTheTasteBlockAndHashesIt()
    {
        var theme = ThemeLoader.Parse(TasteYaml, "mine.yaml");
        Assert.NotNull(theme.Taste);
        Assert.Equal(0.1, theme.Taste!.Bound);
        Assert.Equal(new[] { "warmth", "centring" }, theme.Taste.Properties.Select(p => p.Name));
        Assert.Equal(-0.02, theme.Taste.Properties[1].Weight);
        var without = ThemeLoader.Parse("name: mine\n", "mine.yaml");
        Assert.Null(without.Taste);
        Assert.NotEqual(without.Hash, theme.Hash);
    }

    [Theory]
    [InlineData("    sparkle: {mean: 0, sd: 1, weight: 0.1}", "taste.properties.sparkle")]
    [InlineData("    warmth: {mean: 0, sd: 0, weight: 0.1}", "taste.properties.warmth.sd")]
    [InlineData("    warmth: {mean: 0, sd: 1, weight: 3}", "taste.properties.warmth.weight")]
    public void BadTasteBlockNamesTheKey(string line, string key)
    {
        var yaml = "name: mine\ntaste:\n  properties:\n" + line + "\n";
        var ex = Assert.Throws<ThemeValidationException>(() => ThemeLoader.Parse(yaml, "mine.yaml"));
        Assert.Contains(ex.Issues, i => i.Key == key);
    }

    [Fact]
    public void WrittenThemeReadsBackWithItsTaste()
    {
        var theme = ThemeLoader.Parse(TasteYaml, "mine.yaml");
        var yaml = ThemeYamlWriter.ToYaml(theme, new[] { "test" });
        var back = ThemeLoader.Parse(yaml, "again.yaml");
        Assert.Equal(theme.Hash, back.Hash);
        Assert.Contains("taste:\n  bound: 0.1\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void ScorecardShiftsTotalByTheTasteWithinItsBoundAndSaysWhy()
    {
        var theme = ThemeLoader.Parse(TasteYaml, "mine.yaml");
        var plain = ThemeLoader.Parse("name: mine\n", "mine.yaml");
        var neutral = Features(warmth: 0.05, subjectX: 0.5);
        var warm = Features(warmth: 0.15, subjectX: 0.5);
        var hot = Features(warmth: 1.05, subjectX: 0.5);
        var basis = Scorecard.Score(neutral, plain, false).Total;

        // At the centre of warmth and a centred subject (centring 1, +4 sd): −0.02 · 4 = −0.08.
        Assert.Equal(Math.Round(basis - 0.08, 4), Scorecard.Score(neutral, theme, false).Total, 4);
        // Half a sd warmer: +0.02 more.
        Assert.Equal(Math.Round(basis - 0.06, 4), Scorecard.Score(warm, theme, false).Total, 4);
        // Five sd warmer would be +0.20 − 0.08 = +0.12: clamped to the bound 0.1.
        var clamped = Scorecard.Score(hot, theme, false);
        Assert.Equal(Math.Round(Scorecard.Score(hot, plain, false).Total + 0.1, 4), clamped.Total, 4);
        var reason = Assert.Single(clamped.Components, c => c.Score == "Taste");
        Assert.Equal(1, reason.Value);
        Assert.Contains("warmth (Lab b*) +5.0 sd (+0.200)", reason.Detail, StringComparison.Ordinal);
        Assert.Contains("clamped", reason.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Scorecard.Score(hot, plain, false).Components, c => c.Score == "Taste");
    }

    [Fact]
    public void TotalStaysWithinZeroAndOneWhateverTheTasteAdds()
    {
        var strong = ThemeLoader.Parse(TasteYaml.Replace("bound: 0.1", "bound: 0.5").Replace("weight: 0.04", "weight: 1"), "mine.yaml");
        var plain = ThemeLoader.Parse("name: mine\n", "mine.yaml");
        var hot = Features(warmth: 1.05, subjectX: 0.5);
        var cold = Features(warmth: -1.05, subjectX: 0.5);
        Assert.True(Scorecard.Score(hot, plain, false).Total + 0.5 > 1, "the frame must be good enough for the shift to pass 1");
        Assert.Equal(1, Scorecard.Score(hot, strong, false).Total);
        Assert.Equal(Math.Max(0, Math.Round(Scorecard.Score(cold, plain, false).Total - 0.5, 4)), Scorecard.Score(cold, strong, false).Total, 4);
    }

    /// <summary>A sharp, well exposed frame; only warmth and the subject's place vary.</summary>
    private static PhotoFeatures Features(double warmth, double subjectX) => new()
    {
        Detail = 3.5, FrameDetail = 3, Sharpness = 2, SubjectSharpness = 2.5, Megapixels = 12, LongEdge = 4000, EffectiveLongEdge = 4000,
        LumaMean = 0.45, LumaP1 = 0.02, LumaP5 = 0.08, LumaP50 = 0.45, LumaP95 = 0.9, LumaP99 = 0.96, Contrast = 0.9,
        NoiseSigma = 1, Colorfulness = 40, Warmth = warmth, Saturation = 0.4, SubjectX = subjectX, SubjectY = 0.5,
        RuleOfThirds = 0.5, Balance = 0.8, CopySpace = 0.3, TextContrast = 5,
    };

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
