using PhotoCuration.Engine.Taste;
using Xunit;

namespace PhotoCuration.Tests.Taste;

public sealed class AgreementMeasureTests
{
    [Fact]
    public void KendallTauBWithoutTies() =>
        // 10 pairs, one discordant (4,5): (9 − 1) / 10.
        Assert.Equal(0.8, AgreementMetrics.KendallTauB(new double[] { 1, 2, 3, 4, 5 }, new double[] { 1, 2, 3, 5, 4 })!.Value, 12);

    [Fact]
    public void KendallTauBWithTiesOnBothSides()
    {
        // x = 1 1 2 3, y = 2 1 1 3: pairs (1,2) tied in x, (2,3) tied in y, (1,3) discordant, three concordant:
        // (3 − 1) / √(5 · 5) = 0.4.
        Assert.Equal(0.4, AgreementMetrics.KendallTauB(new double[] { 1, 1, 2, 3 }, new double[] { 2, 1, 1, 3 })!.Value, 12);
        // x = 1 2 2 3, y = 1 1 2 3: four concordant, one tie in each: 4 / 5.
        Assert.Equal(0.8, AgreementMetrics.KendallTauB(new double[] { 1, 2, 2, 3 }, new double[] { 1, 1, 2, 3 })!.Value, 12);
    }

    [Fact]
    public void KendallTauBOfAConstantSeriesIsUndefined() =>
        Assert.Null(AgreementMetrics.KendallTauB(new double[] { 1, 2, 3 }, new double[] { 4, 4, 4 }));

    [Fact]
    public void AucCountsTiesAsHalf()
    {
        // 6 pairs: 0.9 beats both, each 0.5 ties 0.5 and beats 0.1: (2 + 1.5 + 1.5) / 6.
        Assert.Equal(5.0 / 6, AgreementMetrics.Auc(new[] { 0.9, 0.5, 0.5 }, new[] { 0.5, 0.1 })!.Value, 12);
        Assert.Null(AgreementMetrics.Auc(new[] { 0.9 }, Array.Empty<double>()));
    }

    [Fact]
    public void PickRuleDefaultsToFlagsThenTopTier()
    {
        var rated = new[] { D("a", 5), D("b", 3), D("c", 5) };
        var rule = PickRule.For(rated, null);
        Assert.Equal(new[] { true, false, true }, rated.Select(rule.IsPick));
        var flagged = new[] { D("a", 5), D("b", 3, pick: true), D("c", -1) };
        rule = PickRule.For(flagged, null);
        Assert.Equal(new[] { false, true, false }, flagged.Select(rule.IsPick));
        rule = PickRule.For(flagged, 3);
        Assert.Equal(new[] { true, true, false }, flagged.Select(rule.IsPick));
    }

    /// <summary>Two moments of three; hand-computed measures.</summary>
    [Fact]
    public void MeasuresOfAHandMadeRun()
    {
        var photos = new[]
        {
            P("a1", "m1", 0.90), P("a2", "m1", 0.70), P("a3", "m1", 0.50),
            P("b1", "m2", 0.80), P("b2", "m2", 0.60), P("b3", "m2", 0.40),
        };
        var run = new AgreementRun("b", "/ws", photos,
            new Dictionary<string, string> { ["m1"] = "a1", ["m2"] = "b1" },
            new[] { "a1", "b1" }, new Dictionary<string, string[]>());
        // Picks (top tier 5★): a2 and b1; a1 rejected; the rest unrated.
        var decisions = new[] { D("/shoot/a1.jpg", -1), D("/shoot/a2.jpg", 5), D("/shoot/a3.jpg", null), D("/shoot/b1.jpg", 5), D("/shoot/b2.jpg", 2), D("/shoot/b3.jpg", null) };
        var r = AgreementMeasure.Measure(run, decisions, null, new[] { "/shoot" });

        Assert.Equal(2, r.PickCount);
        Assert.Equal(1, r.RejectCount);
        Assert.Equal(0.5, r.Precision);          // set {a1, b1}: b1 is a pick
        Assert.Equal(0.5, r.Recall);
        Assert.Equal(0.5, r.F1);
        Assert.Equal(0.5, r.PrecisionAtPickCount); // top 2 by Total: a1, b1
        Assert.Equal(0.5, r.HeroAgreement);        // m1's hero a1 is rejected, m2's hero b1 is picked
        // Pairs: (a2,a1) wrong, (a2,a3) right, (b1,b2) right, (b1,b3) right: 3 / 4.
        Assert.Equal(0.75, r.PairwiseAccuracy);
        Assert.Equal(4, r.PairCount);
        Assert.Equal(0.0, r.PickRejectAuc);        // the reject a1 (0.90) is above both picks (0.70, 0.80)
        Assert.Equal(0.75, r.PickAuc);             // each pick beats 3 of the 4 others
        // Totals .9 .7 .5 .8 .6 .4 against ratings −1 5 0 5 2 0: 15 pairs, 2 tied in rating, 8 concordant, 5 discordant: 3 / √(15 · 13).
        Assert.Equal(Math.Round(3 / Math.Sqrt(15 * 13), 4), r.KendallTauB);
        // Only the reject a1 sits in the wrong half: first by Total, gap 1.
        var worst = Assert.Single(r.Disagreements);
        Assert.Equal(("a1.jpg", "rejected, ranked high", 1.0), (worst.FileName, worst.Kind, worst.Gap));
        Assert.Contains("rejected", worst.TheirReasons);
        Assert.Contains("hero of m1", worst.OurReasons);
    }

    private static PhotoDecision D(string path, int? rating, bool? pick = null) => new(path, rating, null, pick, "sidecar");

    private static AgreementPhoto P(string id, string moment, double total) => new(id, "/shoot/" + id + ".jpg", id + ".jpg", moment, total, null);
}
