using Xunit;
using PhotoCuration.Engine.Moments;
using static PhotoCuration.Tests.Moments.MomentFixtures;

namespace PhotoCuration.Tests.Moments;

/// <summary>
/// Grouping that holds no pair (docs/architecture.md#archive-scale) decides, links and summarises exactly as
/// holding every compared pair's evidence did: checked against that way of doing it, written out here.
/// </summary>
public class GroupingAtScaleTests
{
    private static readonly MomentParameters Defaults = new();

    /// <summary>Bursts with and without capture times, warm and cool palettes, and a crowd of flat frames (one hash bucket larger than the neighbour limit).</summary>
    private static List<MomentCandidate> Shoot(int count, int seed)
    {
        var random = new Random(seed);
        var warm = new[] { (60.0, 30.0, 40.0), (30.0, 5.0, 10.0) };
        var cool = new[] { (60.0, -20.0, -40.0), (30.0, -5.0, -20.0) };
        var c = new List<MomentCandidate>();
        double t = 0;
        while (c.Count < count)
        {
            var h = random.Next(10) == 0 ? 0UL : RandomHash(random);
            var palette = random.Next(2) == 0 ? warm : cool;
            var burst = random.Next(1, 14);
            for (var f = 0; f < burst && c.Count < count; f++, t += random.NextDouble() * 4)
            {
                double? at = random.Next(4) == 0 ? null : t;
                c.Add(Candidate($"p{c.Count:00000}", at, Flip(h, random.Next(0, 20), random.Next(64)), Flip(h, random.Next(0, 14), random.Next(64)), palette));
            }
            t += random.Next(2, 40);
        }
        return c;
    }

    /// <summary>The pairs as they were found before: a set of every pair, sorted.</summary>
    private static List<(int, int)> HeldPairs(IReadOnlyList<MomentCandidate> c, MomentParameters p)
    {
        var pairs = new HashSet<(int, int)>();
        var timed = Enumerable.Range(0, c.Count).Where(i => c[i].Seconds is not null)
            .OrderBy(i => c[i].Seconds!.Value).ThenBy(i => c[i].PhotoId, StringComparer.Ordinal).ToArray();
        for (var x = 0; x < timed.Length; x++)
        {
            for (var y = x + 1; y < timed.Length && y - x <= p.MaxWindowNeighbours; y++)
            {
                if (c[timed[y]].Seconds!.Value - c[timed[x]].Seconds!.Value > p.TimeGapSeconds) break;
                pairs.Add(timed[x] < timed[y] ? (timed[x], timed[y]) : (timed[y], timed[x]));
            }
        }
        var random = new Random(CandidatePairs.Seed);
        for (var table = 0; table < CandidatePairs.Tables; table++)
        {
            var bits = Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(CandidatePairs.SampledBits).ToArray();
            var buckets = new Dictionary<int, List<int>>();
            for (var i = 0; i < c.Count; i++)
            {
                var key = 0;
                foreach (var bit in bits) key = (key << 1) | (int)((c[i].PHash >> bit) & 1UL);
                if (!buckets.TryGetValue(key, out var list)) buckets[key] = list = new List<int>();
                list.Add(i);
            }
            foreach (var bucket in buckets.Values)
            {
                for (var x = 0; x < bucket.Count; x++)
                {
                    for (var y = x + 1; y < bucket.Count && y - x <= 64; y++)
                    {
                        if (c[bucket[x]].Seconds is null || c[bucket[y]].Seconds is null) pairs.Add((bucket[x], bucket[y]));
                    }
                }
            }
        }
        return pairs.OrderBy(x => x.Item1).ThenBy(x => x.Item2).ToList();
    }

    [Fact]
    public void The_walked_pairs_are_the_held_pairs_in_the_same_order()
    {
        var c = Shoot(3000, seed: 21);
        var expected = HeldPairs(c, Defaults);
        var walked = CandidatePairs.Find(c, Defaults);
        Assert.True(expected.Count > 3000, $"{expected.Count} pairs");
        Assert.Equal(expected, walked);
    }

    [Fact]
    public void The_verdict_without_words_is_the_evidence_verdict()
    {
        var c = Shoot(600, seed: 4);
        var same = 0;
        foreach (var (a, b) in CandidatePairs.Find(c, Defaults))
        {
            var evidence = MomentLinker.Compare(c[a], c[b], a, b, Defaults);
            Assert.Equal(evidence.Same, MomentLinker.Same(c[a], c[b], Defaults));
            if (evidence.Same) same++;
        }
        Assert.True(same > 50, $"{same} same-moment pairs");
    }

    [Fact]
    public void Links_nearest_outside_and_distance_counts_are_those_of_every_pair_evidence()
    {
        var c = Shoot(2000, seed: 8);
        var g = MomentGrouper.Group(c, Defaults);
        var all = CandidatePairs.Find(c, Defaults).Select(p => MomentLinker.Compare(c[p.A], c[p.B], p.A, p.B, Defaults)).ToList();
        Assert.Equal(all.Count, g.ComparedPairs);
        for (var k = 0; k < g.Clusters.Count; k++)
        {
            var links = all.Where(e => e.Same && g.ClusterOf[e.A] == k).ToList();
            Assert.Equal(links, g.Links(k));
            var nearest = all.Where(e => (g.ClusterOf[e.A] == k) != (g.ClusterOf[e.B] == k))
                .OrderBy(e => e.HashDistance).ThenBy(e => e.A).ThenBy(e => e.B).FirstOrDefault();
            Assert.Equal(nearest, g.NearestOutside(k));
        }
        // Every accepted pair is inside one moment.
        Assert.All(all.Where(e => e.Same), e => Assert.Equal(g.ClusterOf[e.A], g.ClusterOf[e.B]));
        var within = all.Where(e => g.ClusterOf[e.A] == g.ClusterOf[e.B]).GroupBy(e => (int)(2 * e.HashDistance)).ToDictionary(x => x.Key, x => (long)x.Count());
        var between = all.Where(e => g.ClusterOf[e.A] != g.ClusterOf[e.B]).GroupBy(e => (int)(2 * e.HashDistance)).ToDictionary(x => x.Key, x => (long)x.Count());
        for (var bin = 0; bin < g.WithinHistogram.Length; bin++)
        {
            Assert.Equal(within.GetValueOrDefault(bin), g.WithinHistogram[bin]);
            Assert.Equal(between.GetValueOrDefault(bin), g.BetweenHistogram[bin]);
        }
        Assert.True(g.Clusters.Count > 100 && g.Clusters.Count < 1500, $"{g.Clusters.Count} moments");
    }
}
