using Xunit;
using PhotoCuration.Engine.Moments;
using static PhotoCuration.Tests.Moments.MomentFixtures;

namespace PhotoCuration.Tests.Moments;

public class MomentGrouperTests
{
    private static readonly MomentParameters Defaults = new();

    [Fact]
    public void Frames_seconds_apart_and_alike_form_one_moment()
    {
        var h = 0x123456789abcdef0UL;
        var c = new[] { Candidate("a", 0, h), Candidate("b", 3, Flip(h, 4)), Candidate("c", 6, Flip(h, 8)) };
        var g = MomentGrouper.Group(c, Defaults);
        Assert.Single(g.Clusters);
        Assert.Equal(3, g.Clusters[0].Length);
    }

    [Fact]
    public void Different_scenes_in_the_same_minute_stay_apart()
    {
        var h = 0x123456789abcdef0UL;
        var c = new[] { Candidate("a", 0, h), Candidate("b", 5, Flip(h, 30)) };
        var g = MomentGrouper.Group(c, Defaults);
        Assert.Equal(2, g.Clusters.Count);
        var e = Assert.Single(g.EvaluateAll());
        Assert.False(e.Same);
        Assert.Contains("hash distance 30", e.Rule);
    }

    [Fact]
    public void Alike_frames_far_apart_in_time_are_different_moments_and_never_compared()
    {
        var h = 0x0f0f0f0f0f0f0f0fUL;
        var c = new[] { Candidate("a", 0, h), Candidate("b", 3600, h) };
        var g = MomentGrouper.Group(c, Defaults);
        Assert.Equal(2, g.Clusters.Count);
        Assert.Empty(g.EvaluateAll());
    }

    [Fact]
    public void A_time_gap_just_over_the_limit_splits_and_just_under_joins()
    {
        var h = 0x0f0f0f0f0f0f0f0fUL;
        Assert.Single(MomentGrouper.Group(new[] { Candidate("a", 0, h), Candidate("b", 19.9, h) }, Defaults).Clusters);
        Assert.Equal(2, MomentGrouper.Group(new[] { Candidate("a", 0, h), Candidate("b", 20.1, h) }, Defaults).Clusters.Count);
    }

    [Fact]
    public void A_burst_chains_through_its_frames()
    {
        // 20 frames 2 s apart, each 3 bits from the previous: the ends are 57 bits apart but one moment.
        var h = 0UL;
        var c = Enumerable.Range(0, 20).Select(i => Candidate($"f{i:00}", i * 2, Flip(h, 3 * i))).ToArray();
        Assert.Single(MomentGrouper.Group(c, Defaults).Clusters);
    }

    [Fact]
    public void Untimed_frames_group_on_visual_evidence_with_a_stricter_threshold()
    {
        var h = 0x5555aaaa5555aaaaUL;
        var near = new[] { Candidate("a", null, h), Candidate("b", null, Flip(h, 5)) };
        Assert.Single(MomentGrouper.Group(near, Defaults).Clusters);
        // 10 bits joins frames with capture times (≤ 12) but not untimed ones (≤ 7.2).
        var timed = new[] { Candidate("a", 0, h), Candidate("b", 2, Flip(h, 10)) };
        var untimed = new[] { Candidate("a", null, h), Candidate("b", null, Flip(h, 10)) };
        Assert.Single(MomentGrouper.Group(timed, Defaults).Clusters);
        Assert.Equal(2, MomentGrouper.Group(untimed, Defaults).Clusters.Count);
    }

    [Fact]
    public void A_crop_further_than_the_hash_limit_joins_when_the_palettes_agree()
    {
        var h = 0x0123456789abcdefUL;
        var warm = new[] { (60.0, 30.0, 40.0), (30.0, 5.0, 10.0) };
        var cool = new[] { (60.0, -20.0, -40.0), (30.0, -5.0, -20.0) };
        Assert.Single(MomentGrouper.Group(new[] { Candidate("a", 0, h, palette: warm), Candidate("b", 2, Flip(h, 16), palette: warm) }, Defaults).Clusters);
        Assert.Equal(2, MomentGrouper.Group(new[] { Candidate("a", 0, h, palette: warm), Candidate("b", 2, Flip(h, 16), palette: cool) }, Defaults).Clusters.Count);
    }

    [Fact]
    public void Clip_cosine_decides_when_embeddings_exist()
    {
        var h = 0UL;
        float[] e1 = { 1, 0, 0 }, e2 = { 0.95f, 0.31f, 0 }, e3 = { 0, 1, 0 };
        Assert.Single(MomentGrouper.Group(new[] { Candidate("a", 0, h, embedding: e1), Candidate("b", 2, Flip(h, 20), embedding: e2) }, Defaults).Clusters);
        Assert.Equal(2, MomentGrouper.Group(new[] { Candidate("a", 0, h, embedding: e1), Candidate("b", 2, Flip(h, 8), embedding: e3) }, Defaults).Clusters.Count);
    }

    [Fact]
    public void Moments_are_numbered_by_capture_time_untimed_last_and_independent_of_input_order()
    {
        var random = new Random(5);
        var c = new List<MomentCandidate>();
        for (var m = 0; m < 20; m++)
        {
            var h = RandomHash(random);
            for (var f = 0; f < 3; f++) c.Add(Candidate($"m{m:00}f{f}", m % 5 == 4 ? null : 1000 * (20 - m) + f * 2, Flip(h, f * 2)));
        }
        var a = MomentGrouper.Group(c, Defaults);
        var shuffled = c.OrderBy(_ => random.Next()).ToList();
        var b = MomentGrouper.Group(shuffled, Defaults);
        string[][] Names(MomentGrouping g, IReadOnlyList<MomentCandidate> list) => g.Clusters.Select(k => k.Select(i => list[i].PhotoId).OrderBy(x => x, StringComparer.Ordinal).ToArray()).ToArray();
        Assert.Equal(Names(a, c), Names(b, shuffled));
        Assert.Equal(20, a.Clusters.Count);
        var firstTimes = a.Clusters.Select(k => k.Min(i => c[i].Seconds ?? double.MaxValue)).ToList();
        Assert.Equal(firstTimes.OrderBy(t => t), firstTimes);
        Assert.Null(c[a.Clusters[^1][0]].Seconds);
        Assert.Equal("m_0001", MomentGrouper.MomentId(0));
    }

    [Fact]
    public void Candidate_pairs_stay_linear_in_the_shoot_size()
    {
        // 20,000 frames over 10 hours in bursts: pairs come from the time window, never all pairs.
        var random = new Random(11);
        var c = new List<MomentCandidate>();
        double t = 0;
        while (c.Count < 20000)
        {
            var h = RandomHash(random);
            var burst = random.Next(1, 12);
            for (var f = 0; f < burst; f++, t += random.NextDouble() * 3) c.Add(Candidate($"p{c.Count:00000}", t, Flip(h, random.Next(0, 6))));
            t += random.Next(5, 60);
        }
        var pairs = CandidatePairs.Find(c, Defaults);
        Assert.True(pairs.Count < c.Count * 20, $"{pairs.Count} pairs for {c.Count} frames");
        Assert.True(pairs.Count > c.Count / 2);
    }

    [Fact]
    public void Hash_buckets_find_near_copies_without_capture_time()
    {
        var random = new Random(3);
        var c = new List<MomentCandidate>();
        for (var i = 0; i < 2000; i++) c.Add(Candidate($"r{i:0000}", null, RandomHash(random)));
        var found = 0;
        for (var k = 0; k < 50; k++)
        {
            c.Add(Candidate($"copy{k:00}", null, Flip(c[k * 7].PHash, 6, k)));
            var pairs = CandidatePairs.Find(c, Defaults);
            if (pairs.Contains((k * 7, c.Count - 1))) found++;
            c.RemoveAt(c.Count - 1);
        }
        // P(meet) = 1 − (1 − (58/64)^12)^16 ≈ 0.996 per pair at 6 bits.
        Assert.True(found >= 47, $"{found} of 50 near copies found");
    }

    [Fact]
    public void Calibration_sits_between_near_and_far_populations()
    {
        var random = new Random(9);
        var c = new List<MomentCandidate>();
        for (var m = 0; m < 40; m++)
        {
            var h = RandomHash(random);
            // Bursts 2 h apart; frames 2 s apart differ by ~4 bits; different bursts by ~32.
            for (var f = 0; f < 3; f++) c.Add(Candidate($"m{m:00}f{f}", m * 7200 + f * 2, Flip(h, random.Next(2, 7), f * 9)));
        }
        var r = ThresholdCalibration.Calibrate(c, 12);
        Assert.True(r.Calibrated, r.Note);
        Assert.InRange(r.Threshold, 8, 24);
        Assert.True(r.NearP75 < r.Threshold && r.Threshold < r.FarP1, r.Note);
    }

    [Fact]
    public void Calibration_declines_when_the_shoot_has_too_few_pairs()
    {
        var c = new[] { Candidate("a", 0, 1UL), Candidate("b", 2, 3UL) };
        var r = ThresholdCalibration.Calibrate(c, 12);
        Assert.False(r.Calibrated);
        Assert.Equal(12, r.Threshold);
        Assert.Contains("not calibrated", r.Note);
    }

    [Fact]
    public void Union_find_keeps_the_smallest_index_as_root()
    {
        var u = new UnionFind(5);
        u.Union(4, 3);
        u.Union(3, 1);
        Assert.Equal(1, u.Find(4));
        Assert.False(u.Union(1, 4));
        Assert.Equal(0, u.Find(0));
    }
}
