namespace PhotoCuration.Engine.Taste;

/// <summary>The statistics of agreement with a photographer (docs/algorithms.md#agreement-measures).</summary>
public static class AgreementMetrics
{
    /// <summary>
    /// Kendall's τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂)): C concordant and D discordant pairs, n₀ = n(n−1)/2,
    /// n₁ and n₂ the pairs tied in x and in y. Null when either series is constant (the denominator is 0).
    /// </summary>
    public static double? KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("The two series differ in length.", nameof(y));
        long concordant = 0, discordant = 0, untiedX = 0, untiedY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            for (var j = i + 1; j < x.Count; j++)
            {
                var sx = Math.Sign(x[i] - x[j]);
                var sy = Math.Sign(y[i] - y[j]);
                if (sx != 0) untiedX++;
                if (sy != 0) untiedY++;
                var s = sx * sy;
                if (s > 0) concordant++;
                else if (s < 0) discordant++;
            }
        }
        return untiedX == 0 || untiedY == 0 ? null : (concordant - discordant) / Math.Sqrt((double)untiedX * untiedY);
    }

    /// <summary>
    /// Area under the ROC curve of a score separating positives from negatives, as the Mann–Whitney
    /// probability P(s⁺ &gt; s⁻) + ½ P(s⁺ = s⁻). Null when either side is empty.
    /// </summary>
    public static double? Auc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0) return null;
        double wins = 0;
        foreach (var p in positives)
        {
            foreach (var n in negatives) wins += p > n ? 1 : p == n ? 0.5 : 0;
        }
        return wins / ((double)positives.Count * negatives.Count);
    }

    /// <summary>Precision, recall and F1 of a chosen set against a relevant set; null parts when undefined.</summary>
    public static (double? Precision, double? Recall, double? F1) PrecisionRecall(IReadOnlyCollection<string> chosen, IReadOnlySet<string> relevant)
    {
        var hits = chosen.Count(relevant.Contains);
        double? precision = chosen.Count == 0 ? null : (double)hits / chosen.Count;
        double? recall = relevant.Count == 0 ? null : (double)hits / relevant.Count;
        double? f1 = precision is { } p && recall is { } r ? (p + r > 0 ? 2 * p * r / (p + r) : 0) : null;
        return (precision, recall, f1);
    }
}
