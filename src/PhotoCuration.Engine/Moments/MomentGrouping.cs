namespace PhotoCuration.Engine.Moments;

/// <summary>The outcome of grouping: clusters of candidate indices in moment order, and the evidence of every compared pair.</summary>
public sealed class MomentGrouping
{
    public required IReadOnlyList<int[]> Clusters { get; init; }
    public required int[] ClusterOf { get; init; }
    public required IReadOnlyList<PairEvidence> Evaluated { get; init; }
    public required MomentParameters Parameters { get; init; }
    public ThresholdCalibration.Result? Calibration { get; init; }

    /// <summary>Accepted links inside each cluster.</summary>
    public IEnumerable<PairEvidence> Links(int cluster) => Evaluated.Where(e => e.Same && ClusterOf[e.A] == cluster);

    /// <summary>The nearest compared frame of another cluster, by hash distance: why the moment stopped there.</summary>
    public PairEvidence? NearestOutside(int cluster) => Evaluated
        .Where(e => (ClusterOf[e.A] == cluster) != (ClusterOf[e.B] == cluster))
        .OrderBy(e => e.HashDistance).ThenBy(e => e.A).ThenBy(e => e.B)
        .FirstOrDefault();
}
