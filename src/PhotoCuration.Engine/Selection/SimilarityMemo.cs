using PhotoCuration.Engine.Moments;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// φ of photo pairs (<see cref="SimilarityTable"/>, exactly <see cref="PhotoSimilarity.Between"/>) remembered across selections of one batch:
/// a review server re-runs selection after every decision over the same photos, whose hashes, palettes
/// and embeddings do not change, while a decision changes only locks, exclusions, stars and emphasis.
/// Values are the very doubles <see cref="PhotoSimilarity"/> returns (a dense matrix over the photos seen,
/// NaN = not yet computed), so a selection with the memo picks exactly what it picks without
/// (docs/algorithms.md#selection). Bounded: past <see cref="MaxPhotos"/> photos it stops remembering
/// new ones and computes their pairs each time.
/// </summary>
public sealed class SimilarityMemo
{
    /// <summary>Photos remembered at most: 4,000² doubles are 128 MB; beyond, pairs are computed as without a memo.</summary>
    public const int MaxPhotos = 4000;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private double[] _values = Array.Empty<double>();
    private int _side;

    /// <summary>Stable slot of a photo in the matrix, or −1 when the memo is full.</summary>
    public int Slot(string photoId)
    {
        if (_index.TryGetValue(photoId, out var slot)) return slot;
        if (_index.Count >= MaxPhotos) return -1;
        slot = _index.Count;
        _index[photoId] = slot;
        if (slot >= _side) Grow(Math.Min(MaxPhotos, Math.Max(64, _side * 2)));
        return slot;
    }

    /// <summary>φ of the slots' pair when it was remembered (false for a slot of −1 or a pair not yet seen).</summary>
    public bool TryGet(int sa, int sb, out double phi)
    {
        phi = sa < 0 || sb < 0 ? double.NaN : _values[(long)sa * _side + sb];
        return !double.IsNaN(phi);
    }

    /// <summary>Remembers φ of the slots' pair (nothing for a slot of −1).</summary>
    public void Remember(int sa, int sb, double phi)
    {
        if (sa >= 0 && sb >= 0) _values[(long)sa * _side + sb] = phi;
    }

    private void Grow(int side)
    {
        var values = new double[(long)side * side];
        Array.Fill(values, double.NaN);
        for (var r = 0; r < _side; r++) Array.Copy(_values, (long)r * _side, values, (long)r * side, _side);
        _values = values;
        _side = side;
    }
}
