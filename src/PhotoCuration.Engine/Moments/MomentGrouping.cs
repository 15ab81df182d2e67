namespace PhotoCuration.Engine.Moments;

/// <summary>The outcome of grouping: clusters of candidate indices in moment order, and the evidence of every compared pair.</summary>
public sealed class MomentGrouping
{
    public required IReadOnlyList<int[]> Clusters { get; init; }
    public required int[] ClusterOf { get; init; }
    public required IReadOnlyList<PairEvidence> Evaluated { get; init; }
    public required MomentParameters Parameters { get; init; }
    public ThresholdCalibration.Result? Calibration { get; init; }

    private List<PairEvidence>[]? _links;
    private PairEvidence?[]? _nearest;

    /// <summary>Accepted links inside each cluster.</summary>
    public IReadOnlyList<PairEvidence> Links(int cluster)
    {
        Index();
        return _links![cluster];
    }

    /// <summary>The nearest compared frame of another cluster, by hash distance: why the moment stopped there.</summary>
    public PairEvidence? NearestOutside(int cluster)
    {
        Index();
        return _nearest![cluster];
    }

    // One pass over the evaluated pairs (in their deterministic order), so a 50,000-photo shoot with
    // thousands of moments stays linear in the number of pairs.
    private void Index()
    {
        if (_links is not null) return;
        var links = Enumerable.Range(0, Clusters.Count).Select(_ => new List<PairEvidence>()).ToArray();
        var nearest = new PairEvidence?[Clusters.Count];
        foreach (var e in Evaluated)
        {
            int ca = ClusterOf[e.A], cb = ClusterOf[e.B];
            if (ca == cb)
            {
                if (e.Same) links[ca].Add(e);
                continue;
            }
            if (Closer(e, nearest[ca])) nearest[ca] = e;
            if (Closer(e, nearest[cb])) nearest[cb] = e;
        }
        _nearest = nearest;
        _links = links;
    }

    private static bool Closer(PairEvidence e, PairEvidence? best) =>
        best is null || e.HashDistance < best.HashDistance ||
        (e.HashDistance == best.HashDistance && (e.A < best.A || (e.A == best.A && e.B < best.B)));
}
