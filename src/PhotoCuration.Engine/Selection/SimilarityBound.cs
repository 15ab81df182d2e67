namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Which pairs can still reach a bound on φ once their hash distance is known (docs/algorithms.md#selection,
/// "Finding the alike pairs"). Without embeddings φ = s² with s = ½(layout + colour), layout a function of
/// the 0–128 hash bits apart and colour = clamp(1 − Δ/30) of the palette chamfer distance Δ. Δ is a
/// share-weighted mean of nearest-colour distances, each at least the closest colour pair μ of the two
/// palettes, so Δ ≥ μ (shares ≥ 0) and colour ≤ 1 − μ/30: φ ≥ bound needs μ ≤ 30·(1 + layout − 2√bound).
/// <see cref="Reach"/> is that distance per hash distance, with <see cref="Slack"/> for rounding: +∞ when
/// the layout alone reaches the bound (no colour needed, nor a palette), negative when not even
/// identical palettes do.
/// </summary>
public sealed class SimilarityBound
{
    /// <summary>
    /// ΔE added to every reach: far above the rounding of a five-term weighted mean of distances under
    /// 10⁴ (about 10⁻¹² ΔE), so a pair at the bound in exact arithmetic is never cut by a rounding.
    /// </summary>
    public const double Slack = 1e-6;

    /// <summary>Hash distances: pHash plus dHash bits apart.</summary>
    public const int HashBits = 128;

    private readonly double[] _reach = new double[HashBits + 1];

    /// <param name="bound">The φ to reach: <see cref="PhotoSimilarity.Floor"/> (φ &gt; 0) or a higher threshold.</param>
    public SimilarityBound(double bound)
    {
        if (!(bound >= PhotoSimilarity.Floor) || bound > 1) throw new ArgumentOutOfRangeException(nameof(bound), bound, "φ bounds lie in [Floor, 1].");
        Bound = bound;
        var twoRoot = 2 * Math.Sqrt(bound);
        for (var bits = 0; bits <= HashBits; bits++)
        {
            var layout = SimilarityTable.Layout(bits);
            // The very operations of SimilarityTable for a pair without a palette (colour 0): a colour ≥ 0
            // can only raise s, every step is monotone, so such a pair reaches the bound whatever its colours.
            var alone = SimilarityTable.Sparse(0.5 * layout) >= bound;
            var reach = PhotoSimilarity.ColorUnrelated * (1 + layout - twoRoot) + Slack;
            _reach[bits] = alone ? double.PositiveInfinity : reach < 0 ? -1 : reach;
        }
    }

    public double Bound { get; }

    /// <summary>The largest closest-colour distance μ at which a pair <paramref name="bits"/> hash bits apart may reach the bound.</summary>
    public double Reach(int bits) => _reach[bits];

    /// <summary>Whether a pair <paramref name="bits"/> apart may reach the bound with some palettes (false: φ is under it, whatever the colours).</summary>
    public bool Possible(int bits) => _reach[bits] >= 0;
}
