namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Thresholds of "same moment" (docs/algorithms.md#moments; theme <c>moments.*</c>). Defaults follow imagededup's hash
/// threshold of 10 bits (docs/algorithms.md#perceptual-hashes) loosened to the theme's 12 for frames seconds apart, and a
/// stricter 0.6 of it for photos without a capture time, where visual evidence stands alone.
/// </summary>
public sealed record MomentParameters
{
    /// <summary>Largest capture-time gap between linked frames.</summary>
    public double TimeGapSeconds { get; init; } = 20;

    /// <summary>Largest mean pHash/dHash distance between linked frames that have capture times.</summary>
    public double MaxHashDistance { get; init; } = 12;

    /// <summary>Share of <see cref="MaxHashDistance"/> allowed when either frame has no capture time.</summary>
    public double UntimedStrictness { get; init; } = 0.6;

    /// <summary>Smallest CLIP cosine that links two frames, when both have embeddings.</summary>
    public double MinCosine { get; init; } = 0.90;

    /// <summary>
    /// A frame further than <see cref="MaxHashDistance"/> (up to 1.5× it: crops, small shifts) still
    /// links when the palettes agree within this ΔE: the colour evidence a crop keeps.
    /// </summary>
    public double MaxColorDistanceForCrops { get; init; } = 6;

    /// <summary>Time-window neighbours compared per frame at most (bounds bursts of hundreds of frames).</summary>
    public int MaxWindowNeighbours { get; init; } = 48;

    public double UntimedHashDistance => Math.Round(MaxHashDistance * UntimedStrictness, 2);
}
