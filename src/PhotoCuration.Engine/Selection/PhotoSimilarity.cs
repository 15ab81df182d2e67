using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Moments;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// φ(a, b) in [0, 1] for facility location (docs/algorithms.md#selection: φ must be non-negative). With CLIP
/// embeddings: max(0, cos). Without: the mean of a layout similarity (pHash/dHash distance, 4 bits or
/// less = 1, 32 bits — unrelated photos — = 0) and a colour similarity (palette chamfer ΔE, 0 = 1,
/// 30 ΔE or more = 0), squared; values under <see cref="Floor"/> count as 0, so only genuinely alike
/// photos make each other redundant and the many faint likenesses within one shoot do not add up.
/// </summary>
public static class PhotoSimilarity
{
    public const double HashSame = 4, HashUnrelated = 32, ColorUnrelated = 30;
    public const double Floor = 0.2;

    public static double Between(MomentCandidate a, MomentCandidate b)
    {
        if (a.Embedding is { } ea && b.Embedding is { } eb && ea.Length == eb.Length) return Sparse(Math.Max(0, MomentLinker.Cosine(ea, eb)));
        var hash = (PerceptualHash.Distance(a.PHash, b.PHash) + PerceptualHash.Distance(a.DHash, b.DHash)) / 2.0;
        var layout = Math.Clamp(1 - (hash - HashSame) / (HashUnrelated - HashSame), 0, 1);
        var delta = PaletteDistance.Between(a, b);
        var colour = double.IsNaN(delta) ? 0 : Math.Clamp(1 - delta / ColorUnrelated, 0, 1);
        var s = 0.5 * (layout + colour);
        return Sparse(s * s);
    }

    private static double Sparse(double phi) => phi < Floor ? 0 : phi;
}
