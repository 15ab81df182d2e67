namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Groups distinct photos into moments: compare the candidate pairs (<see cref="CandidatePairs"/>),
/// link the same-moment ones (<see cref="MomentLinker"/>), take connected components (single linkage,
/// so a burst panning slowly stays one moment), and number the moments by their first capture time
/// (untimed moments last, by their smallest photo id). Deterministic whatever the input order.
/// </summary>
public static class MomentGrouper
{
    public static MomentGrouping Group(IReadOnlyList<MomentCandidate> candidates, MomentParameters parameters, bool calibrate = false)
    {
        ThresholdCalibration.Result? calibration = null;
        if (calibrate)
        {
            calibration = ThresholdCalibration.Calibrate(candidates, parameters.MaxHashDistance);
            if (calibration.Calibrated) parameters = parameters with { MaxHashDistance = calibration.Threshold };
        }

        var evaluated = new List<PairEvidence>();
        var sets = new UnionFind(candidates.Count);
        foreach (var (a, b) in CandidatePairs.Find(candidates, parameters))
        {
            var evidence = MomentLinker.Compare(candidates[a], candidates[b], a, b, parameters);
            evaluated.Add(evidence);
            if (evidence.Same) sets.Union(a, b);
        }

        var clusters = Enumerable.Range(0, candidates.Count)
            .GroupBy(sets.Find)
            .Select(g => g.ToArray())
            .OrderBy(c => c.Min(i => candidates[i].Seconds ?? double.MaxValue))
            .ThenBy(c => c.Select(i => candidates[i].PhotoId).OrderBy(id => id, StringComparer.Ordinal).First(), StringComparer.Ordinal)
            .ToList();
        var clusterOf = new int[candidates.Count];
        for (var k = 0; k < clusters.Count; k++)
        {
            foreach (var i in clusters[k]) clusterOf[i] = k;
        }
        return new MomentGrouping { Clusters = clusters, ClusterOf = clusterOf, Evaluated = evaluated, Parameters = parameters, Calibration = calibration };
    }

    /// <summary>Moment id of the k-th moment (0-based): <c>m_0001</c>.</summary>
    public static string MomentId(int index) => $"m_{index + 1:0000}";
}
