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
        var pair = new Measured(a, b);
        // The evidence names the palettes' distance even where the rule did not need it.
        var colour = pair.Colour();
        var (same, rule) = Judge(ref pair, p, explain: true);
        return new PairEvidence(indexA, indexB, pair.PHash, pair.DHash, Math.Round(double.IsNaN(colour) ? -1 : colour, 2),
            pair.Seconds is { } s ? Math.Round(s, 3) : null, pair.Cosine is { } c ? Math.Round(c, 4) : null, same, rule!);
    }

    /// <summary>
    /// The verdict of <see cref="Compare"/> alone, without its words or the measures the verdict did not
    /// need (docs/architecture.md#archive-scale: a large batch compares tens of millions of pairs and
    /// writes the evidence of a few).
    /// </summary>
    public static bool Same(MomentCandidate a, MomentCandidate b, MomentParameters p)
    {
        var pair = new Measured(a, b);
        return Judge(ref pair, p, explain: false).Same;
    }

    /// <summary>One pair's measures; the palette distance (the costly one) only once asked for.</summary>
    private struct Measured
    {
        public Measured(MomentCandidate a, MomentCandidate b)
        {
            A = a;
            B = b;
            PHash = PerceptualHash.Distance(a.PHash, b.PHash);
            DHash = PerceptualHash.Distance(a.DHash, b.DHash);
            Hash = (PHash + DHash) / 2.0;
            Seconds = a.Seconds is { } ta && b.Seconds is { } tb ? Math.Abs(ta - tb) : null;
            Cosine = a.Embedding is { } ea && b.Embedding is { } eb && ea.Length == eb.Length ? MomentLinker.Cosine(ea, eb) : null;
            _colour = null;
        }

        public MomentCandidate A { get; }
        public MomentCandidate B { get; }
        public int PHash { get; }
        public int DHash { get; }
        public double Hash { get; }
        public double? Seconds { get; }
        public double? Cosine { get; }
        private double? _colour;

        public double Colour() => _colour ??= PaletteDistance.Between(A, B);
    }

    private static (bool Same, string? Rule) Judge(ref Measured m, MomentParameters p, bool explain)
    {
        var (same, rule) = Decide(ref m, p, explain);
        if (!same && m.Seconds is { } apart && apart <= ExposureBracket.WindowSeconds && m.Cosine is null
            && ExposureBracket.Correlate(m.A.LumaGrid, m.B.LumaGrid) is { } bracket && bracket.Rho >= ExposureBracket.MinRho)
            (same, rule) = (true, explain ? $"same layout of light under another exposure: tile rank correlation {bracket.Rho:0.00} over {bracket.Tiles} tiles, {apart:0.#} s apart ({rule})" : null);
        if (!same && m.Seconds is { } near && near <= ExposureBracket.WindowSeconds && (m.A.ExposureFailed || m.B.ExposureFailed))
            (same, rule) = (true, explain ? $"a frame the gate dropped as badly exposed, {near:0.#} s from this one: judged with its burst, since its look cannot be compared ({rule})" : null);
        return (same, rule);
    }

    // The words are built only when asked for (explain); the verdicts never depend on them.
    private static (bool Same, string? Rule) Decide(ref Measured m, MomentParameters p, bool explain)
    {
        var hash = m.Hash;
        if (m.Seconds is { } s && s > p.TimeGapSeconds) return (false, explain ? $"{s:0.#} s apart > {p.TimeGapSeconds:0.#} s" : null);
        var timed = m.Seconds is not null;
        var limit = timed ? p.MaxHashDistance : p.UntimedHashDistance;
        if (hash == 0 && !double.IsNaN(m.Colour()) && m.Colour() < 1) return (true, explain ? "identical pixels (re-encode or copy)" : null);
        if (m.Cosine is { } c)
        {
            if (c >= p.MinCosine && hash <= 2 * limit) return (true, explain ? $"CLIP cosine {c:0.000} ≥ {p.MinCosine:0.00}" : null);
            if (hash <= 0.5 * limit) return (true, explain ? $"hash distance {hash:0.#} ≤ {0.5 * limit:0.#} (CLIP cosine {c:0.000})" : null);
            return (false, explain ? $"CLIP cosine {c:0.000} < {p.MinCosine:0.00}" : null);
        }
        if (hash <= limit) return (true, explain ? $"hash distance {hash:0.#} ≤ {limit:0.#}{(timed ? "" : " (no capture time: strict)")}" : null);
        if (timed && hash <= 1.5 * limit && !double.IsNaN(m.Colour()) && m.Colour() <= p.MaxColorDistanceForCrops)
            return (true, explain ? $"hash distance {hash:0.#} ≤ {1.5 * limit:0.#} with palettes {m.Colour():0.#} ΔE apart (crop or shift)" : null);
        return (false, explain ? $"hash distance {hash:0.#} > {limit:0.#}" + (double.IsNaN(m.Colour()) ? "" : $", palettes {m.Colour():0.#} ΔE apart") : null);
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
