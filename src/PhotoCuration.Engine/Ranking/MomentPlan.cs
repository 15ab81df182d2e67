namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// One moment on its way through the judge: its members pre-ranked by Total_prelim (ties by photo id,
/// docs/algorithms.md#moments), the contenders (the top <see cref="JudgeSettings.MaxContenders"/> distinct photos; an
/// exact duplicate is never a second contender, and a photo that cannot be selected — excluded by the
/// user, or dropped by the technical gate and not locked in — is not worth a call), and what the judge said.
/// </summary>
public sealed class MomentPlan
{
    public MomentPlan(PhotoMoment moment)
    {
        Moment = moment;
        Baseline = PreRank(moment.Members);
        Contenders = Baseline
            .Where(p => !p.IsExcluded && (p.IsLocked || p.Score is not { IsDropped: true }))
            .DistinctBy(p => p.PhotoId, StringComparer.Ordinal)
            .Take(JudgeSettings.MaxContenders)
            .ToArray();
    }

    public PhotoMoment Moment { get; }

    /// <summary>Members by Total_prelim, best first.</summary>
    public Photo[] Baseline { get; }

    public Photo[] Contenders { get; }

    /// <summary>The judgments of the round robin, when every pair was judged.</summary>
    public IReadOnlyList<PairJudgment>? Judgments { get; set; }

    /// <summary>Why the judge's order is not used (redacted), or null.</summary>
    public string? Fallback { get; set; }

    public double BestTotal => Baseline.Length > 0 ? Total(Baseline[0]) : double.NegativeInfinity;

    /// <summary>True when at least one pair had a winner both ways round.</summary>
    public bool Decided => Judgments?.Any(j => !j.IsTie) == true;

    /// <summary>Contenders in Bradley–Terry order (Total_prelim order between equals), then the other members in Total_prelim order.</summary>
    public Photo[] JudgedOrder()
    {
        if (Judgments is null) return Baseline;
        var index = Contenders.Select((p, i) => (p.PhotoId, i)).ToDictionary(x => x.PhotoId, x => x.i, StringComparer.Ordinal);
        var strengths = BradleyTerry.Fit(Contenders.Length, BradleyTerry.Games(Judgments, index));
        var ordered = BradleyTerry.Order(strengths).Select(i => Contenders[i]).ToList();
        ordered.AddRange(Baseline.Where(p => !Contenders.Any(c => ReferenceEquals(c, p))));
        return ordered.ToArray();
    }

    public static double Total(Photo photo) => photo.Score?.Total ?? double.NegativeInfinity;

    /// <summary>
    /// The moment's own order (docs/algorithms.md#ranking-inside-a-moment, as Group-PhotoMoment ranks it:
    /// kept, flagged by the gate, clearly softer or with a clearly worse face than a sibling, dropped;
    /// Total_prelim inside each tier, ties by photo id), unscored photos last. Ranking by Total alone
    /// would put a flagged or softer frame back above the sibling that replaces it.
    /// </summary>
    public static Photo[] PreRank(IEnumerable<Photo> photos)
    {
        var list = photos.ToList();
        return Moments.MomentRanker.Rank(list.Where(p => p.Score is not null)).Concat(list.Where(p => p.Score is null)).ToArray();
    }
}
