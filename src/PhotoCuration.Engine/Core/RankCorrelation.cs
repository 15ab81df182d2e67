namespace PhotoCuration.Engine.Core;

/// <summary>
/// Spearman's rank correlation with mid-ranks for ties (Pearson's r of the ranks): the one
/// implementation behind the exposure-bracket rule (docs/algorithms.md#exposure-brackets) and the
/// stars-follow-quality checks.
/// </summary>
public static class RankCorrelation
{
    /// <summary>Spearman's ρ of two equally long series; NaN when either is constant or they are empty.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException("The two series differ in length.", nameof(b));
        if (a.Count == 0) return double.NaN;
        var (ra, rb) = (MidRanks(a), MidRanks(b));
        double ma = ra.Average(), mb = rb.Average(), cov = 0, va = 0, vb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va > 0 && vb > 0 ? cov / Math.Sqrt(va * vb) : double.NaN;
    }

    /// <summary>Ranks 1…n, ties sharing their mean rank.</summary>
    public static double[] MidRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (var k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        return ranks;
    }
}
