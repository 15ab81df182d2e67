using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Decides whether two frames are the same moment (docs/algorithms.md#moments): close in capture time AND visually near.
/// Visual nearness is the mean of the pHash and dHash distances (bits of 64); a crop or small shift
/// that moves the hashes a little further still links when the palettes agree; with CLIP embeddings
/// the cosine decides. Without a capture time on either frame the hash threshold is stricter. Frames a
/// few seconds apart whose layout of light agrees in rank order are one moment even when an exposure
/// change moved their hashes apart: a bracket, or a blown frame of a burst (<see cref="ExposureBracket"/>);
/// a frame the gate dropped as black or blown joins whatever was shot within those seconds, since clipping
/// leaves nothing of its look to compare, and it then ranks below its siblings instead of heading a
/// moment of its own.
/// </summary>
public static class MomentLinker
{
    public static PairEvidence Compare(MomentCandidate a, MomentCandidate b, int indexA, int indexB, MomentParameters p)
    {
        var pHash = PerceptualHash.Distance(a.PHash, b.PHash);
        var dHash = PerceptualHash.Distance(a.DHash, b.DHash);
        var hash = (pHash + dHash) / 2.0;
        var colour = PaletteDistance.Between(a, b);
        double? seconds = a.Seconds is { } ta && b.Seconds is { } tb ? Math.Abs(ta - tb) : null;
        double? cosine = a.Embedding is { } ea && b.Embedding is { } eb && ea.Length == eb.Length ? Cosine(ea, eb) : null;

        var (same, rule) = Decide(hash, colour, seconds, cosine, p);
        if (!same && seconds is { } apart && apart <= ExposureBracket.WindowSeconds && cosine is null
            && ExposureBracket.Correlate(a.LumaGrid, b.LumaGrid) is { } bracket && bracket.Rho >= ExposureBracket.MinRho)
            (same, rule) = (true, $"same layout of light under another exposure: tile rank correlation {bracket.Rho:0.00} over {bracket.Tiles} tiles, {apart:0.#} s apart ({rule})");
        if (!same && seconds is { } near && near <= ExposureBracket.WindowSeconds && (a.ExposureFailed || b.ExposureFailed))
            (same, rule) = (true, $"a frame the gate dropped as badly exposed, {near:0.#} s from this one: judged with its burst, since its look cannot be compared ({rule})");
        return new PairEvidence(indexA, indexB, pHash, dHash, Math.Round(double.IsNaN(colour) ? -1 : colour, 2),
            seconds is { } s ? Math.Round(s, 3) : null, cosine is { } c ? Math.Round(c, 4) : null, same, rule);
    }

    private static (bool Same, string Rule) Decide(double hash, double colour, double? seconds, double? cosine, MomentParameters p)
    {
        if (seconds is { } s && s > p.TimeGapSeconds) return (false, $"{s:0.#} s apart > {p.TimeGapSeconds:0.#} s");
        var timed = seconds is not null;
        var limit = timed ? p.MaxHashDistance : p.UntimedHashDistance;
        if (hash == 0 && !double.IsNaN(colour) && colour < 1) return (true, "identical pixels (re-encode or copy)");
        if (cosine is { } c)
        {
            if (c >= p.MinCosine && hash <= 2 * limit) return (true, $"CLIP cosine {c:0.000} ≥ {p.MinCosine:0.00}");
            if (hash <= 0.5 * limit) return (true, $"hash distance {hash:0.#} ≤ {0.5 * limit:0.#} (CLIP cosine {c:0.000})");
            return (false, $"CLIP cosine {c:0.000} < {p.MinCosine:0.00}");
        }
        if (hash <= limit) return (true, $"hash distance {hash:0.#} ≤ {limit:0.#}{(timed ? "" : " (no capture time: strict)")}");
        if (timed && hash <= 1.5 * limit && !double.IsNaN(colour) && colour <= p.MaxColorDistanceForCrops)
            return (true, $"hash distance {hash:0.#} ≤ {1.5 * limit:0.#} with palettes {colour:0.#} ΔE apart (crop or shift)");
        return (false, $"hash distance {hash:0.#} > {limit:0.#}" + (double.IsNaN(colour) ? "" : $", palettes {colour:0.#} ΔE apart"));
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }
}
