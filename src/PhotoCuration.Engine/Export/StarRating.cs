using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// Stars from quality within the shoot, not from position in the sequence (docs/algorithms.md#export):
/// the photo's percentile of Total_prelim within the shoot — among the best kept frame of every moment
/// (selection), so a burst of thirty near-identical frames counts once, as it does in the objective —
/// as a mid-rank: the best is 1, the worst 0, tied photos share the mean of their places; then fixed bands: 5★ from the 90th percentile, 4★ from the 70th, 3★ from the 40th,
/// 2★ from the 15th, 1★ below. A flagged photo gets at most <see cref="FlaggedCap"/> stars; a photo that
/// failed the gate (only ever picked when locked in) gets <see cref="FailedGateStars"/>.
/// </summary>
public static class StarRating
{
    /// <summary>Lowest percentile of each star band, best band first.</summary>
    public static readonly IReadOnlyList<(double From, int Stars)> Bands = new[] { (0.90, 5), (0.70, 4), (0.40, 3), (0.15, 2), (0.0, 1) };

    /// <summary>Most stars a photo the gate flagged can get: it is usable, not a showpiece until checked.</summary>
    public const int FlaggedCap = 3;

    /// <summary>Stars of a locked-in photo that failed the gate.</summary>
    public const int FailedGateStars = 1;

    /// <summary>Stars for a percentile in [0, 1].</summary>
    public static int ForPercentile(double percentile) => Bands.First(b => percentile >= b.From).Stars;

    /// <summary>
    /// Mid-rank percentile of <paramref name="total"/> among <paramref name="sortedTotals"/> (ascending, the
    /// photo itself among them): (photos below + half of the other photos tied with it) / (n − 1).
    /// </summary>
    public static double Percentile(double total, IReadOnlyList<double> sortedTotals)
    {
        var n = sortedTotals.Count;
        if (n <= 1) return 1;
        var below = LowerBound(sortedTotals, total);
        var tied = UpperBound(sortedTotals, total) - below;
        var others = Math.Max(0, tied - 1);
        return Math.Clamp((below + 0.5 * others) / (n - 1), 0, 1);
    }

    /// <summary>Stars of one photo given the ascending Totals it is compared with (the photo among them).</summary>
    public static int For(PhotoScore? score, IReadOnlyList<double> sortedTotals) =>
        score is null ? FailedGateStars : For(score, Percentile(score.Total, sortedTotals));

    /// <summary>Stars of one photo at a percentile: the band, capped for a flagged photo, 1 for one that failed the gate.</summary>
    public static int For(PhotoScore score, double percentile)
    {
        if (GateVerdict.FailedGate(score)) return FailedGateStars;
        var stars = ForPercentile(percentile);
        return GateVerdict.IsFlagged(score) ? Math.Min(FlaggedCap, stars) : stars;
    }

    /// <summary>Ascending <paramref name="sortedTotals"/> with <paramref name="total"/> added (for a photo compared with a set it is not part of).</summary>
    public static double[] With(IReadOnlyList<double> sortedTotals, double total) => sortedTotals.Append(total).Order().ToArray();

    /// <summary>The ascending Totals of the photos the gate kept (flagged included), exact duplicates counted once per photo id.</summary>
    public static double[] KeptTotals(IEnumerable<Photo> photos) => photos
        .Where(p => p.Score is not null && !GateVerdict.FailedGate(p.Score))
        .GroupBy(p => p.PhotoId, StringComparer.Ordinal)
        .Select(g => g.First().Score!.Total)
        .Order()
        .ToArray();

    private static int LowerBound(IReadOnlyList<double> a, double v)
    {
        int lo = 0, hi = a.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(IReadOnlyList<double> a, double v)
    {
        int lo = 0, hi = a.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
