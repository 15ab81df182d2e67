using System.Globalization;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Measures how a run agrees with a photographer's decisions (docs/algorithms.md#agreement-measures): the
/// curated set against the picks, heroes, within-moment pairs, τ_b of Total with the ratings, AUCs, and
/// the photos where the two disagree most. Only photos matched to a reference decision take part.
/// </summary>
public static class AgreementMeasure
{
    /// <summary>Disagreements listed at most.</summary>
    public const int MaxDisagreements = 10;

    /// <summary>Smallest gap worth listing: the photo sits in the wrong half of the run's order.</summary>
    public const double MinGap = 0.5;

    public static CurationAgreement Measure(AgreementRun run, IReadOnlyList<PhotoDecision> decisions, int? pickRating, IReadOnlyList<string> reference)
    {
        var matcher = new DecisionMatcher(decisions);
        var matched = run.Photos.Select(p => (Photo: p, Decision: matcher.Find(p.Path)))
            .Where(m => m.Decision is not null).Select(m => (m.Photo, Decision: m.Decision!)).ToList();
        var rule = PickRule.For(matched.Select(m => m.Decision).ToList(), pickRating);
        var picks = matched.Where(m => rule.IsPick(m.Decision)).Select(m => m.Photo.PhotoId).ToHashSet(StringComparer.Ordinal);
        var rejects = matched.Where(m => m.Decision.IsRejected).Select(m => m.Photo.PhotoId).ToHashSet(StringComparer.Ordinal);
        var matchedIds = matched.Select(m => m.Photo.PhotoId).ToHashSet(StringComparer.Ordinal);

        var set = run.SetIds.Where(matchedIds.Contains).ToList();
        var (precision, recall, f1) = AgreementMetrics.PrecisionRecall(set, picks);
        var byTotal = OrderByTotal(matched.Select(m => m.Photo));
        var topK = byTotal.Take(picks.Count).Select(p => p.PhotoId).ToList();
        var atPickCount = picks.Count == 0 ? null : AgreementMetrics.PrecisionRecall(topK, picks).Precision;

        var moments = Moments(run, matched.Select(m => m.Photo).ToList(), picks);
        var (pairAccuracy, pairCount) = PairwiseAccuracy(matched.Select(m => m.Photo).ToList(), picks);
        var totals = matched.Select(m => m.Photo.Total).ToList();
        var ratings = matched.Select(m => (double)(m.Decision.IsRejected ? -1 : m.Decision.Rating ?? 0)).ToList();

        return new CurationAgreement
        {
            BatchId = run.BatchId,
            Workspace = run.Workspace,
            Reference = reference.ToArray(),
            PickRule = rule.Description,
            PhotoCount = run.Photos.Count,
            MatchedCount = matched.Count,
            PickCount = picks.Count,
            RejectCount = rejects.Count,
            SetCount = set.Count,
            Precision = R(precision),
            Recall = R(recall),
            F1 = R(f1),
            PrecisionAtPickCount = R(atPickCount),
            HeroAgreement = R(moments.Length == 0 ? null : moments.Count(m => m.Agrees) / (double)moments.Length),
            MomentsWithPicks = moments.Length,
            PairwiseAccuracy = R(pairAccuracy),
            PairCount = pairCount,
            KendallTauB = R(AgreementMetrics.KendallTauB(totals, ratings)),
            PickRejectAuc = R(AgreementMetrics.Auc(TotalsOf(matched, picks), TotalsOf(matched, rejects))),
            PickAuc = R(AgreementMetrics.Auc(TotalsOf(matched, picks), matched.Where(m => !picks.Contains(m.Photo.PhotoId)).Select(m => m.Photo.Total).ToList())),
            Moments = moments,
            Disagreements = Disagreements(run, matched, picks, byTotal, set.ToHashSet(StringComparer.Ordinal)),
        };
    }

    /// <summary>Best first; ties by file name so the order is stable.</summary>
    private static List<AgreementPhoto> OrderByTotal(IEnumerable<AgreementPhoto> photos) =>
        photos.OrderByDescending(p => p.Total).ThenBy(p => p.FileName, StringComparer.Ordinal).ThenBy(p => p.PhotoId, StringComparer.Ordinal).ToList();

    private static List<double> TotalsOf(List<(AgreementPhoto Photo, PhotoDecision Decision)> matched, HashSet<string> ids) =>
        matched.Where(m => ids.Contains(m.Photo.PhotoId)).Select(m => m.Photo.Total).ToList();

    private static MomentAgreement[] Moments(AgreementRun run, List<AgreementPhoto> photos, HashSet<string> picks)
    {
        var names = run.Photos.ToDictionary(p => p.PhotoId, p => p.FileName, StringComparer.Ordinal);
        return photos.Where(p => p.MomentId is not null && picks.Contains(p.PhotoId))
            .GroupBy(p => p.MomentId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var hero = run.HeroByMoment.GetValueOrDefault(g.Key);
                return new MomentAgreement
                {
                    MomentId = g.Key,
                    Hero = hero is null ? "" : names.GetValueOrDefault(hero, hero),
                    Picks = g.Select(p => p.FileName).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
                    Agrees = hero is not null && picks.Contains(hero),
                };
            }).ToArray();
    }

    /// <summary>Within each moment, every (pick, non-pick) pair: the share where the pick has the higher Total, ties counting ½.</summary>
    public static (double? Accuracy, int Pairs) PairwiseAccuracy(IReadOnlyList<AgreementPhoto> photos, IReadOnlySet<string> picks)
    {
        double correct = 0;
        var pairs = 0;
        foreach (var moment in photos.Where(p => p.MomentId is not null).GroupBy(p => p.MomentId, StringComparer.Ordinal))
        {
            var members = moment.ToList();
            foreach (var pick in members.Where(p => picks.Contains(p.PhotoId)))
            {
                foreach (var other in members.Where(p => !picks.Contains(p.PhotoId)))
                {
                    pairs++;
                    correct += pick.Total > other.Total ? 1 : pick.Total == other.Total ? 0.5 : 0;
                }
            }
        }
        return (pairs == 0 ? null : correct / pairs, pairs);
    }

    /// <summary>
    /// Place by Total q ∈ [0,1] (1 best); the gap is 1 − q for a pick, q for a reject, and half of q for an
    /// unrated photo (a weak negative: the photographer may not have looked at it).
    /// </summary>
    private static Disagreement[] Disagreements(AgreementRun run, List<(AgreementPhoto Photo, PhotoDecision Decision)> matched,
        HashSet<string> picks, List<AgreementPhoto> byTotal, HashSet<string> set)
    {
        var n = byTotal.Count;
        var place = byTotal.Select((p, i) => (p.PhotoId, Q: n <= 1 ? 1.0 : 1 - i / (double)(n - 1), Rank: i + 1))
            .ToDictionary(x => x.PhotoId, x => (x.Q, x.Rank), StringComparer.Ordinal);
        return matched.Select(m =>
            {
                var (q, rank) = place[m.Photo.PhotoId];
                var isPick = picks.Contains(m.Photo.PhotoId);
                var gap = isPick ? 1 - q : m.Decision.IsRejected ? q : m.Decision.HasDecision ? 0.75 * q : 0.5 * q;
                return (m.Photo, m.Decision, isPick, Gap: gap, Rank: rank);
            })
            .Where(x => x.Gap >= MinGap)
            .OrderByDescending(x => x.Gap).ThenBy(x => x.Photo.FileName, StringComparer.Ordinal)
            .Take(MaxDisagreements)
            .Select(x => new Disagreement
            {
                FileName = x.Photo.FileName,
                PhotoId = x.Photo.PhotoId,
                MomentId = x.Photo.MomentId,
                Kind = x.isPick ? "picked, ranked low" : x.Decision.IsRejected ? "rejected, ranked high" : "not picked, ranked high",
                Gap = Math.Round(x.Gap, 4),
                Total = x.Photo.Total,
                Rating = x.Decision.IsRejected ? -1 : x.Decision.Rating,
                OurReasons = OurReasons(run, x.Photo, x.Rank, n, set).ToArray(),
                TheirReasons = TheirReasons(x.Decision, x.isPick).ToArray(),
            }).ToArray();
    }

    private static IEnumerable<string> OurReasons(AgreementRun run, AgreementPhoto photo, int rank, int count, HashSet<string> set)
    {
        yield return Inv($"Total {photo.Total:0.00}, #{rank} of {count} by Total");
        if (photo.Score is { } s)
        {
            if (s.Verdict != "kept") yield return $"{s.Verdict}: {string.Join("; ", s.FlagReasons)}";
            var five = new (string Name, double Value)[] { ("Q_tech", s.QTech), ("Aesthetic", s.Aesthetic), ("Vibe", s.Vibe), ("Typography", s.Typography), ("Composition", s.Composition) };
            var best = five.OrderByDescending(c => c.Value).First();
            var worst = five.OrderBy(c => c.Value).First();
            yield return Inv($"strongest {best.Name} {best.Value:0.00}, weakest {worst.Name} {worst.Value:0.00}");
        }
        if (photo.MomentId is { } m && run.HeroByMoment.TryGetValue(m, out var hero))
            yield return hero == photo.PhotoId ? $"hero of {m}" : $"not the hero of {m}";
        yield return set.Contains(photo.PhotoId) ? "in the curated set" : "not in the curated set";
        if (run.SetReasons.TryGetValue(photo.PhotoId, out var why)) foreach (var r in why.Take(2)) yield return r;
    }

    private static IEnumerable<string> TheirReasons(PhotoDecision d, bool isPick)
    {
        yield return d.IsRejected ? "rejected" : d.Rating is { } r and > 0 ? $"rated {r}★" : "unrated";
        if (d.Pick == true) yield return "pick flag";
        if (d.Label is { } label) yield return $"label {label}";
        yield return isPick ? "counts as a pick" : "not a pick";
        yield return d.Source == "sidecar" ? "from its XMP sidecar" : d.Source == "none" ? "no XMP" : $"from XMP embedded in the {d.Source["embedded-".Length..].ToUpperInvariant()}";
    }

    private static double? R(double? v) => v is { } x ? Math.Round(x, 4) : null;
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
