using PhotoCuration.Engine.Scoring;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// The learned part of a theme (docs/algorithms.md#learning-weights): the five weights from within-moment
/// pick-vs-non-pick pairs (<see cref="WeightFit"/>), then the gate cutoff q_tech_min on a grid, chosen by the
/// within-moment pairwise accuracy of the real scorecard's Totals (ties: the cutoff nearest the base one),
/// then the taste over measured properties on top of that Total (<see cref="PropertyTasteLearner"/>).
/// </summary>
public static class TasteModel
{
    /// <summary>Weight of a pair whose other photo is unrated: a weak negative, the photographer may not have looked.</summary>
    public const double UnratedPairWeight = 0.5;

    /// <summary>
    /// Cutoffs tried: the base cutoff ± 0.10 in steps of 0.02, within [0.05, 0.95]. Within-moment pairs say
    /// little about frames far from the gate, so the cutoff may move only near the base theme's.
    /// </summary>
    public static IEnumerable<double> CutoffGrid(double baseCutoff) =>
        Enumerable.Range(-5, 11).Select(i => Math.Round(baseCutoff + 0.02 * i, 2)).Where(c => c is >= 0.05 and <= 0.95);

    public sealed record Learned(PhotoTheme Theme, WeightFit.Result Fit, int Pairs, int Moments, int Shoots);

    public static double[] WeightsOf(PhotoTheme t) => new[] { t.Weights.QTech, t.Weights.Aesthetic, t.Weights.Vibe, t.Weights.Typography, t.Weights.Composition };

    public static double[] ScoresOf(PhotoScore s) => new[] { s.QTech, s.Aesthetic, s.Vibe, s.Typography, s.Composition };

    /// <summary>Within-moment pairs (pick, non-pick) of the shoots, scored under <paramref name="theme"/>.</summary>
    public static List<PreferencePair> Pairs(IEnumerable<TasteShoot> shoots, PhotoTheme theme)
    {
        var pairs = new List<PreferencePair>();
        foreach (var moment in Moments(shoots))
        {
            var scored = moment.Select(p => (p.Label, Scores: ScoresOf(Scorecard.Score(p.Features, theme, false)))).ToList();
            foreach (var (pick, other, weight) in PickPairs(scored, r => r.Label))
                pairs.Add(new PreferencePair(pick.Scores, other.Scores, weight));
        }
        return pairs;
    }

    /// <summary>
    /// The pairs one moment's decisions say something about: every pick against every frame not picked, weighted
    /// 1, or <see cref="UnratedPairWeight"/> when the other frame is unrated (a weak negative).
    /// </summary>
    public static IEnumerable<(T Pick, T Other, double Weight)> PickPairs<T>(IReadOnlyList<T> moment, Func<T, TasteLabel> label)
    {
        foreach (var pick in moment.Where(r => label(r) == TasteLabel.Pick))
        {
            foreach (var other in moment.Where(r => label(r) != TasteLabel.Pick))
                yield return (pick, other, label(other) == TasteLabel.Unrated ? UnratedPairWeight : 1);
        }
    }

    /// <summary>The moments of the shoots (photos grouped by shoot and moment id), in a stable order.</summary>
    public static IEnumerable<List<TastePhoto>> Moments(IEnumerable<TasteShoot> shoots) =>
        shoots.SelectMany(s => s.Photos.GroupBy(p => p.MomentId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()));

    public static Learned Learn(IReadOnlyList<TasteShoot> shoots, PhotoTheme baseTheme, string name)
    {
        var pairs = Pairs(shoots, baseTheme);
        var fit = WeightFit.Fit(pairs, WeightsOf(baseTheme));
        var theme = With(baseTheme, name, fit.Weights, baseTheme.QTechMin);
        // A base theme's own learned taste is replaced, not stacked: the new one is learned from these shoots alone.
        theme.Taste = null;
        var best = (Accuracy: PairwiseAccuracy(shoots, theme).Accuracy, Cutoff: baseTheme.QTechMin);
        foreach (var cutoff in CutoffGrid(baseTheme.QTechMin))
        {
            var acc = PairwiseAccuracy(shoots, With(theme, name, fit.Weights, cutoff)).Accuracy;
            if (acc > best.Accuracy + 1e-12 || Math.Abs(acc - best.Accuracy) <= 1e-12 && Math.Abs(cutoff - baseTheme.QTechMin) < Math.Abs(best.Cutoff - baseTheme.QTechMin))
                best = (acc, cutoff);
        }
        var weighted = With(theme, name, fit.Weights, best.Cutoff);
        // The taste over measured properties learns what the weighted Total still misses.
        weighted.Taste = PropertyTasteLearner.Learn(shoots, weighted).Taste;
        return new Learned(weighted, fit, pairs.Count, Moments(shoots).Count(m => m.Any(p => p.Label == TasteLabel.Pick)), shoots.Count);
    }

    /// <summary>A copy of <paramref name="source"/> with new weights and cutoff; everything else kept.</summary>
    public static PhotoTheme With(PhotoTheme source, string name, IReadOnlyList<double> w, double cutoff) => new()
    {
        Name = name,
        Description = source.Description,
        Palette = source.Palette.ToArray(),
        Mood = source.Mood.ToArray(),
        Weights = new ThemeWeights { QTech = w[0], Aesthetic = w[1], Vibe = w[2], Typography = w[3], Composition = w[4] },
        QTechMin = cutoff,
        MomentTimeGapSeconds = source.MomentTimeGapSeconds,
        MomentPHashMaxDistance = source.MomentPHashMaxDistance,
        MomentMinCosine = source.MomentMinCosine,
        SelectionCount = source.SelectionCount,
        QualityWeight = source.QualityWeight,
        DiversityWeight = source.DiversityWeight,
        RoleQuotas = new Dictionary<string, int>(source.RoleQuotas),
        AxisEmphasis = new Dictionary<string, double>(source.AxisEmphasis),
        Judge = source.Judge,
        JudgeModel = source.JudgeModel,
        MaxPairsPerCluster = source.MaxPairsPerCluster,
        Finalists = source.Finalists,
        TokenBudget = source.TokenBudget,
        Source = source.Source,
        Taste = source.Taste,
    };

    /// <summary>Per moment: pick-vs-non-pick pairs won by the pick under the theme's real Totals (ties ½), and their count.</summary>
    public static List<(double Correct, int Pairs)> MomentAccuracy(IEnumerable<TasteShoot> shoots, PhotoTheme theme)
    {
        var result = new List<(double, int)>();
        foreach (var moment in Moments(shoots))
        {
            var totals = moment.Select(p => (p.Label, Total: Scorecard.Score(p.Features, theme, false).Total)).ToList();
            double correct = 0;
            var n = 0;
            // Accuracy counts every pair alike (the unrated weight is for fitting only).
            foreach (var (pick, other, _) in PickPairs(totals, t => t.Label))
            {
                n++;
                correct += pick.Total > other.Total ? 1 : pick.Total == other.Total ? 0.5 : 0;
            }
            if (n > 0) result.Add((correct, n));
        }
        return result;
    }

    public static (double Accuracy, int Pairs) PairwiseAccuracy(IEnumerable<TasteShoot> shoots, PhotoTheme theme)
    {
        var m = MomentAccuracy(shoots, theme);
        var n = m.Sum(x => x.Pairs);
        return (n == 0 ? 0 : m.Sum(x => x.Correct) / n, n);
    }
}
