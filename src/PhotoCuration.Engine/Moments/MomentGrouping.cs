namespace PhotoCuration.Engine.Moments;

/// <summary>
/// The outcome of grouping: clusters of candidate indices in moment order, and what the clustering
/// document writes of the compared pairs: the accepted links inside each cluster, the nearest compared
/// frame of another cluster, and the hash distances of every compared pair inside and between clusters.
/// The pairs themselves are not kept (docs/architecture.md#archive-scale): the evidence of a written pair
/// is measured again when asked for, which gives the same record, as comparing is deterministic.
/// </summary>
public sealed class MomentGrouping
{
    public required IReadOnlyList<MomentCandidate> Candidates { get; init; }
    public required IReadOnlyList<int[]> Clusters { get; init; }
    public required int[] ClusterOf { get; init; }
    public required MomentParameters Parameters { get; init; }
    public ThresholdCalibration.Result? Calibration { get; init; }

    /// <summary>How many pairs were compared.</summary>
    public required long ComparedPairs { get; init; }

    /// <summary>True when some compared pair had CLIP embeddings on both frames.</summary>
    public required bool UsedEmbeddings { get; init; }

    /// <summary>Compared pairs inside one cluster, by twice their hash distance (0–128).</summary>
    public required long[] WithinHistogram { get; init; }

    /// <summary>Compared pairs across clusters, by twice their hash distance (0–128).</summary>
    public required long[] BetweenHistogram { get; init; }

    /// <summary>The accepted pairs, (a, b) by a then b, per cluster.</summary>
    public required IReadOnlyList<List<(int A, int B)>> LinkPairs { get; init; }

    /// <summary>Per cluster, the compared pair across its border with the smallest hash distance (ties by a, b); null when none.</summary>
    public required (int A, int B)?[] NearestPairs { get; init; }

    /// <summary>Accepted links inside each cluster, with their evidence.</summary>
    public IReadOnlyList<PairEvidence> Links(int cluster) => LinkPairs[cluster].Select(Evidence).ToList();

    /// <summary>The nearest compared frame of another cluster, by hash distance: why the moment stopped there.</summary>
    public PairEvidence? NearestOutside(int cluster) => NearestPairs[cluster] is { } pair ? Evidence(pair) : null;

    /// <summary>
    /// The evidence of every compared pair, measured again on each call (for small shoots and tests): grouping
    /// holds no pairs, so this walks them all, which a property would hide.
    /// </summary>
    public IReadOnlyList<PairEvidence> EvaluateAll()
    {
        var all = new List<PairEvidence>();
        CandidatePairs.Each(Candidates, Parameters, (a, b) => all.Add(Evidence((a, b))));
        return all;
    }

    private PairEvidence Evidence((int A, int B) pair) => MomentLinker.Compare(Candidates[pair.A], Candidates[pair.B], pair.A, pair.B, Parameters);
}
