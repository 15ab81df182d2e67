using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Groups distinct photos into moments: compare the candidate pairs (<see cref="CandidatePairs"/>),
/// link the same-moment ones (<see cref="MomentLinker"/>), take connected components (single linkage,
/// so a burst panning slowly stays one moment), and number the moments by their first capture time
/// (untimed moments last, by their smallest photo id). Deterministic whatever the input order.
/// <para>
/// Two walks over the pairs, none of them held (docs/architecture.md#archive-scale): the first judges
/// each pair and joins the same-moment ones; the second, with the moments known, counts the hash
/// distances inside and between moments and finds each moment's nearest outside frame (the hash
/// distances alone, two popcounts per pair).
/// </para>
/// </summary>
public static class MomentGrouper
{
    /// <summary>Twice the largest hash distance (64 bits): the histogram's last bin.</summary>
    private const int Bins = 129;

    public static MomentGrouping Group(IReadOnlyList<MomentCandidate> candidates, MomentParameters parameters, bool calibrate = false)
    {
        ThresholdCalibration.Result? calibration = null;
        if (calibrate)
        {
            calibration = ThresholdCalibration.Calibrate(candidates, parameters.MaxHashDistance);
            if (calibration.Calibrated) parameters = parameters with { MaxHashDistance = calibration.Threshold };
        }

        var sets = new UnionFind(candidates.Count);
        var same = new List<(int A, int B)>();
        var embeddings = false;
        var compared = CandidatePairs.Each(candidates, parameters, (a, b) =>
        {
            embeddings |= candidates[a].Embedding is { } ea && candidates[b].Embedding is { } eb && ea.Length == eb.Length;
            if (!MomentLinker.Same(candidates[a], candidates[b], parameters)) return;
            same.Add((a, b));
            sets.Union(a, b);
        });

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

        var links = Enumerable.Range(0, clusters.Count).Select(_ => new List<(int A, int B)>()).ToArray();
        foreach (var pair in same) links[clusterOf[pair.A]].Add(pair);
        var within = new long[Bins];
        var between = new long[Bins];
        var nearest = new (int A, int B)?[clusters.Count];
        var nearestBins = new int[clusters.Count];
        CandidatePairs.Each(candidates, parameters, (a, b) =>
        {
            var bin = PerceptualHash.Distance(candidates[a].PHash, candidates[b].PHash) + PerceptualHash.Distance(candidates[a].DHash, candidates[b].DHash);
            int ca = clusterOf[a], cb = clusterOf[b];
            if (ca == cb)
            {
                within[bin]++;
                return;
            }
            between[bin]++;
            // Pairs come by a then b, so the first at a distance is the tie-break's winner.
            if (nearest[ca] is null || bin < nearestBins[ca]) (nearest[ca], nearestBins[ca]) = ((a, b), bin);
            if (nearest[cb] is null || bin < nearestBins[cb]) (nearest[cb], nearestBins[cb]) = ((a, b), bin);
        });
        return new MomentGrouping
        {
            Candidates = candidates, Clusters = clusters, ClusterOf = clusterOf, Parameters = parameters, Calibration = calibration,
            ComparedPairs = compared, UsedEmbeddings = embeddings, WithinHistogram = within, BetweenHistogram = between,
            LinkPairs = links, NearestPairs = nearest,
        };
    }

    /// <summary>Moment id of the k-th moment (0-based): <c>m_0001</c>.</summary>
    public static string MomentId(int index) => $"m_{index + 1:0000}";
}
