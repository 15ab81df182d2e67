namespace PhotoCuration.Engine.Moments;

/// <summary>
/// The pairs worth comparing, never all pairs (docs/architecture.md#performance: 50,000 photos group in seconds):
/// frames with capture times pair with their successors inside the time gap (at most a bounded number
/// of them, so a long burst stays linear); a frame without a capture time pairs with the frames that
/// share a bucket in any of several bit-sampled pHash tables (locality-sensitive hashing for Hamming
/// distance, Indyk &amp; Motwani 1998). With k sampled bits and L tables, two hashes d bits apart meet
/// with probability 1 − (1 − (1 − d/64)^k)^L: for k = 12, L = 16 that is 0.99 at d = 7 (the strict
/// untimed threshold) and under 0.02 at d = 28 (unrelated photos).
/// </summary>
public static class CandidatePairs
{
    public const int SampledBits = 12;
    public const int Tables = 16;

    /// <summary>Fixed seed of the bit sampling: the same shoot gives the same pairs on every run.</summary>
    public const int Seed = 20071;

    /// <summary>Largest bucket compared in full; larger ones (flat or near-black frames) pair each member with its next neighbours only.</summary>
    private const int MaxBucketNeighbours = 64;

    /// <summary>Pairs (i &lt; j) in a deterministic order, by index.</summary>
    public static IReadOnlyList<(int A, int B)> Find(IReadOnlyList<MomentCandidate> candidates, MomentParameters parameters)
    {
        var pairs = new HashSet<(int, int)>();
        AddTimeWindowPairs(candidates, parameters, pairs);
        AddHashBucketPairs(candidates, pairs);
        return pairs.OrderBy(p => p.Item1).ThenBy(p => p.Item2).ToList();
    }

    private static void AddTimeWindowPairs(IReadOnlyList<MomentCandidate> candidates, MomentParameters parameters, HashSet<(int, int)> pairs)
    {
        var timed = Enumerable.Range(0, candidates.Count)
            .Where(i => candidates[i].Seconds is not null)
            .OrderBy(i => candidates[i].Seconds!.Value).ThenBy(i => candidates[i].PhotoId, StringComparer.Ordinal)
            .ToArray();
        for (var x = 0; x < timed.Length; x++)
        {
            var t0 = candidates[timed[x]].Seconds!.Value;
            for (var y = x + 1; y < timed.Length && y - x <= parameters.MaxWindowNeighbours; y++)
            {
                if (candidates[timed[y]].Seconds!.Value - t0 > parameters.TimeGapSeconds) break;
                pairs.Add(Ordered(timed[x], timed[y]));
            }
        }
    }

    // Only pairs where at least one frame has no capture time: two timed frames far apart are never one
    // moment however alike they look (the same view shot again an hour later is another moment).
    private static void AddHashBucketPairs(IReadOnlyList<MomentCandidate> candidates, HashSet<(int, int)> pairs)
    {
        if (!candidates.Any(c => c.Seconds is null)) return;
        var random = new Random(Seed);
        for (var table = 0; table < Tables; table++)
        {
            var bits = Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(SampledBits).ToArray();
            var buckets = new Dictionary<int, List<int>>();
            for (var i = 0; i < candidates.Count; i++)
            {
                var key = Sample(candidates[i].PHash, bits);
                if (!buckets.TryGetValue(key, out var list)) buckets[key] = list = new List<int>();
                list.Add(i);
            }
            foreach (var bucket in buckets.Values)
            {
                for (var x = 0; x < bucket.Count; x++)
                {
                    for (var y = x + 1; y < bucket.Count && y - x <= MaxBucketNeighbours; y++)
                    {
                        int a = bucket[x], b = bucket[y];
                        if (candidates[a].Seconds is null || candidates[b].Seconds is null) pairs.Add(Ordered(a, b));
                    }
                }
            }
        }
    }

    private static int Sample(ulong hash, int[] bits)
    {
        var key = 0;
        foreach (var bit in bits) key = (key << 1) | (int)((hash >> bit) & 1UL);
        return key;
    }

    private static (int, int) Ordered(int a, int b) => a < b ? (a, b) : (b, a);
}
