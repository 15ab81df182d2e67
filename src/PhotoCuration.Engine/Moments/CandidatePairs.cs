namespace PhotoCuration.Engine.Moments;

/// <summary>
/// The pairs worth comparing, never all pairs (docs/architecture.md#performance: 50,000 photos group in seconds):
/// frames with capture times pair with their successors inside the time gap (at most a bounded number
/// of them, so a long burst stays linear); a frame without a capture time pairs with the frames that
/// share a bucket in any of several bit-sampled pHash tables (locality-sensitive hashing for Hamming
/// distance, Indyk &amp; Motwani 1998). With k sampled bits and L tables, two hashes d bits apart meet
/// with probability 1 − (1 − (1 − d/64)^k)^L: for k = 12, L = 16 that is 0.99 at d = 7 (the strict
/// untimed threshold) and under 0.02 at d = 28 (unrelated photos).
/// <para>
/// The pairs are never held (docs/architecture.md#archive-scale: a 1,000,000-photo batch has tens of
/// millions): both rules are symmetric windows over an order (capture time; a hash table's bucket), so
/// each frame's partners can be listed from its own positions, and <see cref="Each"/> walks the pairs
/// (a, b), a &lt; b, in order by a then b, with only the orders and positions in memory (two ints per
/// frame per order).
/// </para>
/// </summary>
public sealed class CandidatePairs
{
    public const int SampledBits = 12;
    public const int Tables = 16;

    /// <summary>Fixed seed of the bit sampling: the same shoot gives the same pairs on every run.</summary>
    public const int Seed = 20071;

    /// <summary>Largest bucket compared in full; larger ones (flat or near-black frames) pair each member with its next neighbours only.</summary>
    private const int MaxBucketNeighbours = 64;

    private readonly IReadOnlyList<MomentCandidate> _candidates;
    private readonly MomentParameters _parameters;

    /// <summary>The timed frames by capture time (ties by photo id), and each frame's place there (−1: untimed).</summary>
    private readonly int[] _timed;
    private readonly int[] _timedAt;

    /// <summary>Per hash table: the frames grouped by bucket (index order inside a bucket), each frame's place, each bucket's start.</summary>
    private readonly List<(int[] Bits, int[] Order, int[] At, int[] Start)> _tables = new();

    private CandidatePairs(IReadOnlyList<MomentCandidate> candidates, MomentParameters parameters)
    {
        _candidates = candidates;
        _parameters = parameters;
        _timed = Enumerable.Range(0, candidates.Count)
            .Where(i => candidates[i].Seconds is not null)
            .OrderBy(i => candidates[i].Seconds!.Value).ThenBy(i => candidates[i].PhotoId, StringComparer.Ordinal)
            .ToArray();
        _timedAt = new int[candidates.Count];
        Array.Fill(_timedAt, -1);
        for (var x = 0; x < _timed.Length; x++) _timedAt[_timed[x]] = x;

        // Only pairs where at least one frame has no capture time: two timed frames far apart are never one
        // moment however alike they look (the same view shot again an hour later is another moment).
        if (_timed.Length == candidates.Count) return;
        var random = new Random(Seed);
        for (var table = 0; table < Tables; table++)
        {
            var bits = Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(SampledBits).ToArray();
            _tables.Add(Bucket(bits));
        }
    }

    /// <summary>Every frame's bucket by a counting sort on the sampled bits, stable, so a bucket lists its frames in index order.</summary>
    private (int[] Bits, int[] Order, int[] At, int[] Start) Bucket(int[] bits)
    {
        var n = _candidates.Count;
        var keys = new int[n];
        var start = new int[(1 << SampledBits) + 1];
        for (var i = 0; i < n; i++)
        {
            keys[i] = Sample(_candidates[i].PHash, bits);
            start[keys[i] + 1]++;
        }
        for (var k = 0; k < 1 << SampledBits; k++) start[k + 1] += start[k];
        var next = (int[])start.Clone();
        var order = new int[n];
        var at = new int[n];
        for (var i = 0; i < n; i++)
        {
            at[i] = next[keys[i]]++;
            order[at[i]] = i;
        }
        return (bits, order, at, start);
    }

    /// <summary>Pairs (i &lt; j) in a deterministic order, by index (held: for small shoots and tests).</summary>
    public static IReadOnlyList<(int A, int B)> Find(IReadOnlyList<MomentCandidate> candidates, MomentParameters parameters)
    {
        var pairs = new List<(int, int)>();
        Each(candidates, parameters, (a, b) => pairs.Add((a, b)));
        return pairs;
    }

    /// <summary>Calls <paramref name="pair"/> with every pair (a &lt; b), by a then b; returns how many there were.</summary>
    public static long Each(IReadOnlyList<MomentCandidate> candidates, MomentParameters parameters, Action<int, int> pair)
    {
        var finder = new CandidatePairs(candidates, parameters);
        var partners = new List<int>();
        long count = 0;
        for (var a = 0; a < candidates.Count; a++)
        {
            finder.Partners(a, partners);
            var last = -1;
            foreach (var b in partners)
            {
                if (b == last) continue;
                last = b;
                pair(a, b);
                count++;
            }
        }
        return count;
    }

    /// <summary>The partners b &gt; a of frame a, sorted, possibly repeated (a pair can meet in several tables).</summary>
    private void Partners(int a, List<int> partners)
    {
        partners.Clear();
        // Time window: frames at most MaxWindowNeighbours places and TimeGapSeconds away, either side.
        if (_timedAt[a] is var x and >= 0)
        {
            var t0 = _candidates[a].Seconds!.Value;
            for (var y = x + 1; y < _timed.Length && y - x <= _parameters.MaxWindowNeighbours; y++)
            {
                if (_candidates[_timed[y]].Seconds!.Value - t0 > _parameters.TimeGapSeconds) break;
                if (_timed[y] > a) partners.Add(_timed[y]);
            }
            for (var y = x - 1; y >= 0 && x - y <= _parameters.MaxWindowNeighbours; y--)
            {
                if (t0 - _candidates[_timed[y]].Seconds!.Value > _parameters.TimeGapSeconds) break;
                if (_timed[y] > a) partners.Add(_timed[y]);
            }
        }
        // Hash buckets: frames at most MaxBucketNeighbours places away in a shared bucket, one of the two untimed.
        var untimed = _candidates[a].Seconds is null;
        foreach (var (bits, order, at, start) in _tables)
        {
            var p = at[a];
            var key = Sample(_candidates[a].PHash, bits);
            var from = Math.Max(start[key], p - MaxBucketNeighbours);
            var to = Math.Min(start[key + 1] - 1, p + MaxBucketNeighbours);
            for (var q = from; q <= to; q++)
            {
                var b = order[q];
                if (b > a && (untimed || _candidates[b].Seconds is null)) partners.Add(b);
            }
        }
        partners.Sort();
    }

    private static int Sample(ulong hash, int[] bits)
    {
        var key = 0;
        foreach (var bit in bits) key = (key << 1) | (int)((hash >> bit) & 1UL);
        return key;
    }
}
