using System.Numerics;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// <see cref="PhotoSimilarity.Between"/> over compact per-candidate records (hashes, palette in Lab as one
/// flat array, share weights), for the selection's many comparisons (docs/architecture.md#archive-scale:
/// facility location compares every pickable photo with every moment, O(n·moments)). Gives the same
/// double, bit for bit: the same operations in the same order. It is faster because the records are
/// flat and because a pair whose φ is provably under a bound stops early: with the layout part known,
/// half the palette distance in one direction is a lower bound on the whole distance (both directions
/// are ≥ 0), and every step from there to φ is monotone in IEEE arithmetic, so when even that bound
/// gives φ below <see cref="PhotoSimilarity.Floor"/> (or a caller's threshold) φ is 0 (or under it)
/// without the rest of the palette work. Pairs with CLIP embeddings use <see cref="PhotoSimilarity.Between"/> itself.
/// </summary>
public sealed class SimilarityTable
{
    private readonly IReadOnlyList<SelectionCandidate> _candidates;
    private readonly ulong[] _pHash, _dHash;
    private readonly int[] _start, _count;
    private readonly double[] _lab, _share, _weight;
    private readonly bool[] _embedded, _irregular;

    public SimilarityTable(IReadOnlyList<SelectionCandidate> candidates)
    {
        _candidates = candidates;
        var n = candidates.Count;
        _pHash = new ulong[n];
        _dHash = new ulong[n];
        _start = new int[n];
        _count = new int[n];
        _weight = new double[n];
        _embedded = new bool[n];
        _irregular = new bool[n];
        var total = candidates.Sum(c => c.Moment.Palette.Count);
        _lab = new double[3 * total];
        _share = new double[total];
        var at = 0;
        for (var i = 0; i < n; i++)
        {
            var m = candidates[i].Moment;
            _pHash[i] = m.PHash;
            _dHash[i] = m.DHash;
            _embedded[i] = m.Embedding is not null;
            _start[i] = at;
            _count[i] = m.Palette.Count;
            double weight = 0;
            for (var k = 0; k < m.Palette.Count; k++, at++)
            {
                (_lab[3 * at], _lab[3 * at + 1], _lab[3 * at + 2]) = m.Palette[k];
                // As PaletteDistance weighs a colour without a share.
                _share[at] = k < m.PaletteShares.Count ? m.PaletteShares[k] : 1.0 / m.Palette.Count;
                weight += _share[at];
                _irregular[i] |= !(_share[at] >= 0) || !Plain(_lab[3 * at]) || !Plain(_lab[3 * at + 1]) || !Plain(_lab[3 * at + 2]);
            }
            _weight[i] = weight;
            _irregular[i] |= !double.IsFinite(weight);
        }
    }

    public int Count => _pHash.Length;

    internal ulong[] PHashes => _pHash;
    internal ulong[] DHashes => _dHash;

    /// <summary>Lab of every palette colour, three doubles each; candidate i's are <see cref="PaletteStart"/>(i) onwards.</summary>
    internal double[] Lab => _lab;
    internal int PaletteStart(int i) => _start[i];
    internal int PaletteCount(int i) => _count[i];
    internal bool IsEmbedded(int i) => _embedded[i];

    /// <summary>
    /// A palette the indexed search's bound does not cover (<see cref="SimilarityBound"/>): a negative or
    /// non-finite share (its mean distance could fall under its nearest colour pair) or a Lab value that is
    /// not finite or beyond ±<see cref="PlainLab"/> (squared distances could overflow). Always compared.
    /// </summary>
    internal bool IsIrregular(int i) => _irregular[i];

    /// <summary>Lab values beyond this are no colour (L is 0–100, a and b about ±128).</summary>
    internal const double PlainLab = 1e4;

    private static bool Plain(double v) => Math.Abs(v) <= PlainLab;

    /// <summary>Hash bits apart: pHash plus dHash distance, 0–128.</summary>
    internal int HashBits(int a, int b) => BitOperations.PopCount(_pHash[a] ^ _pHash[b]) + BitOperations.PopCount(_dHash[a] ^ _dHash[b]);

    /// <summary>The layout part of φ at <paramref name="hashBits"/> bits apart, the very expression <see cref="Phi"/> uses.</summary>
    internal static double Layout(int hashBits)
    {
        var hash = hashBits / 2.0;
        return Math.Clamp(1 - (hash - PhotoSimilarity.HashSame) / (PhotoSimilarity.HashUnrelated - PhotoSimilarity.HashSame), 0, 1);
    }

    /// <summary>φ of candidates <paramref name="a"/> and <paramref name="b"/>, exactly <see cref="PhotoSimilarity.Between"/>.</summary>
    public double Between(int a, int b) => Phi(a, b, PhotoSimilarity.Floor);

    /// <summary>φ(a, b) ≥ <paramref name="threshold"/> (a threshold at or above <see cref="PhotoSimilarity.Floor"/>).</summary>
    public bool AtLeast(int a, int b, double threshold) => Phi(a, b, threshold) >= threshold;

    // φ exactly, or a value under `bound` when φ is provably under it (for bound = Floor that value is φ itself: 0).
    private double Phi(int a, int b, double bound)
    {
        if (_embedded[a] && _embedded[b]) return PhotoSimilarity.Between(_candidates[a].Moment, _candidates[b].Moment);
        var layout = Layout(HashBits(a, b));
        if (_count[a] == 0 || _count[b] == 0) return Sparse(0.5 * layout);
        // Even identical palettes (colour 1) leave φ under the bound: the layouts are too far apart.
        if (Under(layout, 0, bound)) return 0;
        var ab = Directed(a, b, layout, bound);
        if (ab < 0) return 0;
        var delta = 0.5 * (ab + Directed(b, a, layout, double.NegativeInfinity));
        var colour = double.IsNaN(delta) ? 0 : Math.Clamp(1 - delta / PhotoSimilarity.ColorUnrelated, 0, 1);
        return Sparse(0.5 * (layout + colour));
    }

    /// <summary>φ from the mean similarity s: s², or 0 under <see cref="PhotoSimilarity.Floor"/>.</summary>
    internal static double Sparse(double s) => s * s < PhotoSimilarity.Floor ? 0 : s * s;

    /// <summary>The share-weighted mean distance from each colour of <paramref name="from"/> to the nearest of <paramref name="to"/>; −1 once φ is provably under <paramref name="bound"/>.</summary>
    private double Directed(int from, int to, double layout, double bound)
    {
        double sum = 0;
        int f0 = _start[from], fn = _count[from], t0 = _start[to], tn = _count[to];
        var weight = _weight[from];
        for (var i = 0; i < fn; i++)
        {
            var p = 3 * (f0 + i);
            // The nearest by squared distance, one square root: √ is correctly rounded and monotone, so
            // √(min d²) is min √(d²) bit for bit.
            var nearest2 = double.MaxValue;
            for (var j = 0; j < tn; j++)
            {
                var q = 3 * (t0 + j);
                double dl = _lab[p] - _lab[q], da = _lab[p + 1] - _lab[q + 1], db = _lab[p + 2] - _lab[q + 2];
                nearest2 = Math.Min(nearest2, dl * dl + da * da + db * db);
            }
            sum += _share[f0 + i] * Math.Sqrt(nearest2);
            if (weight > 0 && Under(layout, 0.5 * (sum / weight), bound)) return -1;
        }
        return weight > 0 ? sum / weight : double.NaN;
    }

    // The colour part can only be smaller than with `lowerDelta`, so φ can only be smaller than this.
    private static bool Under(double layout, double lowerDelta, double bound)
    {
        var colour = Math.Clamp(1 - lowerDelta / PhotoSimilarity.ColorUnrelated, 0, 1);
        var s = 0.5 * (layout + colour);
        return s * s < bound;
    }
}
