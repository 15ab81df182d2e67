namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Whether a learned theme agrees with the photographer better than the base theme on shoots it did not
/// learn from (docs/algorithms.md#adoption-rule): leave-one-shoot-out within-moment pairwise accuracy of both,
/// a percentile bootstrap over held-out moments of the paired difference, and a learning curve over
/// 1, 2, 4, 8 training shoots. The learned weights are adopted only when the interval's lower bound is above 0.
/// </summary>
public static class TasteEvaluation
{
    public const int BootstrapSamples = 2000;
    public const double Confidence = 0.95;
    public static readonly int[] CurveSizes = { 1, 2, 4, 8 };

    public sealed record CurvePoint(int Shoots, double Learned, double Default);

    public sealed record Report(
        int Shoots, int HeldOutPairs, double DefaultAgreement, double LearnedAgreement,
        double DifferenceLow, double DifferenceHigh, double LearnedLow, double LearnedHigh,
        IReadOnlyList<CurvePoint> Curve, bool Adopt, string Verdict);

    public static Report Evaluate(IReadOnlyList<TasteShoot> shoots, PhotoTheme baseTheme, int seed)
    {
        if (shoots.Count < 2)
            return new Report(shoots.Count, 0, 0, 0, 0, 0, 0, 0, Array.Empty<CurvePoint>(), false,
                "not adopted: leave-one-shoot-out needs at least 2 culled shoots; the base theme is written unchanged (its weights, cutoff and taste)");
        var moments = new List<(double Base, double Learned, int Pairs)>();
        for (var i = 0; i < shoots.Count; i++)
        {
            var training = shoots.Where((_, j) => j != i).ToList();
            var learned = TasteModel.Learn(training, baseTheme, "held-out").Theme;
            var b = TasteModel.MomentAccuracy(new[] { shoots[i] }, baseTheme);
            var l = TasteModel.MomentAccuracy(new[] { shoots[i] }, learned);
            moments.AddRange(b.Zip(l, (x, y) => (x.Correct, y.Correct, x.Pairs)));
        }
        var pairs = moments.Sum(m => m.Pairs);
        if (pairs == 0)
            return new Report(shoots.Count, 0, 0, 0, 0, 0, 0, 0, Array.Empty<CurvePoint>(), false,
                "not adopted: no moment of the held-out shoots holds both a pick and a non-pick");
        var baseAcc = moments.Sum(m => m.Base) / pairs;
        var learnedAcc = moments.Sum(m => m.Learned) / pairs;
        var (dLow, dHigh, lLow, lHigh) = Bootstrap(moments, seed);
        var adopt = dLow > 0;
        var verdict = adopt
            ? Inv($"adopted: held-out agreement {learnedAcc:0.000} vs {baseAcc:0.000} for the base theme; the {Confidence:P0} interval of the gain [{dLow:+0.000;-0.000}, {dHigh:+0.000;-0.000}] lies above 0")
            : Inv($"not adopted: held-out agreement {learnedAcc:0.000} vs {baseAcc:0.000} for the base theme; the {Confidence:P0} interval of the gain [{dLow:+0.000;-0.000}, {dHigh:+0.000;-0.000}] does not lie above 0, so the base theme is written unchanged (its weights, cutoff and taste)");
        return new Report(shoots.Count, pairs, R(baseAcc), R(learnedAcc), R(dLow), R(dHigh), R(lLow), R(lHigh), Curve(shoots, baseTheme), adopt, verdict);
    }

    /// <summary>Percentile bootstrap over held-out moments (clusters of pairs), seeded: same data, same interval.</summary>
    private static (double DLow, double DHigh, double LLow, double LHigh) Bootstrap(List<(double Base, double Learned, int Pairs)> moments, int seed)
    {
        var random = new Random(seed);
        var diffs = new double[BootstrapSamples];
        var learned = new double[BootstrapSamples];
        for (var b = 0; b < BootstrapSamples; b++)
        {
            double sb = 0, sl = 0;
            var n = 0;
            for (var k = 0; k < moments.Count; k++)
            {
                var m = moments[random.Next(moments.Count)];
                sb += m.Base;
                sl += m.Learned;
                n += m.Pairs;
            }
            diffs[b] = (sl - sb) / n;
            learned[b] = sl / n;
        }
        Array.Sort(diffs);
        Array.Sort(learned);
        var lo = (int)Math.Floor((1 - Confidence) / 2 * BootstrapSamples);
        var hi = (int)Math.Ceiling((1 + Confidence) / 2 * BootstrapSamples) - 1;
        return (diffs[lo], diffs[hi], learned[lo], learned[hi]);
    }

    /// <summary>For k training shoots (k &lt; number of shoots): each shoot held out in turn, trained on the first k others.</summary>
    private static List<CurvePoint> Curve(IReadOnlyList<TasteShoot> shoots, PhotoTheme baseTheme)
    {
        var curve = new List<CurvePoint>();
        foreach (var k in CurveSizes.Where(k => k < shoots.Count))
        {
            double learned = 0, basis = 0;
            var n = 0;
            for (var i = 0; i < shoots.Count; i++)
            {
                var training = shoots.Where((_, j) => j != i).Take(k).ToList();
                var theme = TasteModel.Learn(training, baseTheme, "curve").Theme;
                var l = TasteModel.MomentAccuracy(new[] { shoots[i] }, theme);
                var b = TasteModel.MomentAccuracy(new[] { shoots[i] }, baseTheme);
                learned += l.Sum(x => x.Correct);
                basis += b.Sum(x => x.Correct);
                n += l.Sum(x => x.Pairs);
            }
            if (n > 0) curve.Add(new CurvePoint(k, R(learned / n), R(basis / n)));
        }
        return curve;
    }

    private static double R(double v) => Math.Round(v, 4);
    private static string Inv(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
