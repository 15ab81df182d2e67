using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Selection;
using Xunit;

namespace PhotoCuration.Tests.Selection;

/// <summary>
/// The indexed search finds every pair a comparison of every pair finds (φ at or above the bound), on
/// adversarial candidates: palettes at the reach of their hash distance to 10⁻⁹ ΔE on either side, hashes
/// at every distance, missing palettes, all-zero shares (a NaN distance), negative shares, NaN and huge Lab
/// values, embeddings of equal and unequal lengths.
/// </summary>
public sealed class SimilarityIndexTests
{
    // Five colours far apart (≥ 80 ΔE), so a palette shifted as a whole by r is r from the original: Δ = μ = r.
    private static readonly (double L, double A, double B)[] Base = { (20, -60, -60), (40, 60, -60), (60, -60, 60), (80, 60, 60), (50, 0, 0) };
    private static readonly double[] Shares = { 0.3, 0.26, 0.22, 0.18, 0.14 };

    private sealed record Made(ulong PHash, ulong DHash, (double, double, double)[] Palette, double[] Shares, float[]? Embedding, (double L, double A, double B)? Shift);

    private static List<SelectionCandidate> Adversarial(int count, int seed, out int atTheBound)
    {
        var random = new Random(seed);
        var floor = new SimilarityBound(PhotoSimilarity.Floor);
        var families = Enumerable.Range(0, 4).Select(_ => ((ulong)random.NextInt64() ^ ((ulong)random.Next() << 40), (ulong)random.NextInt64())).ToArray();
        var made = new List<Made>();
        atTheBound = 0;
        while (made.Count < count)
        {
            if (made.Count > 50 && random.Next(3) == 0)
            {
                // A pair on the bound: k hash bits apart and palettes the reach at k apart, give or take a
                // hair. Either a partner of an earlier five-colour palette (all five colours moved), or a
                // new pair of one-colour palettes, whose one colour pair the grid must find.
                var single = random.Next(2) == 0;
                var x = single ? null : made[random.Next(made.Count)];
                if (x is { Shift: null }) continue;
                // Most past 47 bits, where the grid decides, many just past, where the reach nears its radius.
                var k = random.Next(4) switch { 0 => random.Next(0, 48), 1 => 49, 2 => random.Next(48, 52), _ => random.Next(48, 72) };
                var hair = new[] { -1e-4, -1e-9, -1e-12, 0, 1e-12, 1e-9, 1e-4 }[random.Next(7)];
                var r = floor.Reach(k) - SimilarityBound.Slack + hair;
                if (!(r >= 0) || r > 35) continue;
                // Along one axis half the time, so the partner's colours straddle grid cells as often as they can.
                var step = random.Next(2) == 0 ? Direction(random, r) : Axis(random, r);
                if (x is null)
                {
                    var (fp0, fd0) = families[random.Next(families.Length)];
                    var (xp, xd) = Flip(random, fp0, fd0, random.Next(0, 90));
                    var colour = (random.NextDouble() * 100, random.NextDouble() * 200 - 100, random.NextDouble() * 200 - 100);
                    x = new Made(xp, xd, new[] { colour }, new[] { 1.0 }, null, null);
                    made.Add(x);
                }
                var (p, d) = Flip(random, x.PHash, x.DHash, k);
                var palette = x.Shift is { } s0 ? Shifted(Add(s0, step)) : new[] { ((double, double, double))Add(x.Palette[0], step) };
                made.Add(new Made(p, d, palette, x.Shares, null, x.Shift is { } s1 ? Add(s1, step) : null));
                atTheBound++;
                continue;
            }
            var (fp, fd) = families[random.Next(families.Length)];
            var (ph, dh) = Flip(random, fp, fd, random.Next(0, 90));
            var kind = random.Next(20);
            float[]? embedding = random.Next(10) == 0 ? Embedding(random, random.Next(4) == 0 ? 4 : 8) : null;
            switch (kind)
            {
                case 0:
                    made.Add(new Made(ph, dh, Array.Empty<(double, double, double)>(), Array.Empty<double>(), embedding, null));
                    break;
                case 1:
                    made.Add(new Made(ph, dh, Shifted((0, 0, 0)), new double[5], embedding, null));
                    break;
                case 2:
                {
                    var palette = Shifted((random.NextDouble(), 0, 0));
                    var shares = (double[])Shares.Clone();
                    switch (random.Next(4))
                    {
                        case 0: shares[random.Next(5)] = -0.2; break;
                        case 1: palette[random.Next(5)].Item2 = double.NaN; break;
                        case 2: palette[random.Next(5)].Item1 = 1e5; break;
                        default: shares[random.Next(5)] = double.NaN; break;
                    }
                    made.Add(new Made(ph, dh, palette, shares, embedding, null));
                    break;
                }
                case 3:
                case 4:
                {
                    var n = random.Next(1, 6);
                    var palette = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 100, random.NextDouble() * 200 - 100, random.NextDouble() * 200 - 100)).ToArray();
                    var shares = Enumerable.Range(0, random.Next(2) == 0 ? n : Math.Max(0, n - 2)).Select(_ => random.NextDouble()).ToArray();
                    made.Add(new Made(ph, dh, palette, shares, embedding, null));
                    break;
                }
                default:
                {
                    var shift = Direction(random, random.NextDouble() * 35);
                    made.Add(new Made(ph, dh, Shifted(shift), Shares, embedding, shift));
                    break;
                }
            }
        }
        return made.Select((m, i) =>
        {
            var photo = new Photo { PhotoId = $"p{i:00000}", FileName = $"p{i:00000}.jpg" };
            return new SelectionCandidate
            {
                Photo = photo,
                Moment = new MomentCandidate(photo.PhotoId, photo.FileName, null, m.PHash, m.DHash, m.Palette, m.Shares, m.Embedding),
                MomentId = photo.PhotoId,
                MomentSize = 1,
                MomentRank = 1,
            };
        }).ToList();
    }

    private static (ulong, ulong) Flip(Random random, ulong p, ulong d, int bits)
    {
        // Exactly `bits` distinct bits of the 128, so a pair made this way is exactly that far apart.
        foreach (var b in Enumerable.Range(0, 128).OrderBy(_ => random.Next()).Take(bits))
        {
            if (b < 64) p ^= 1UL << b;
            else d ^= 1UL << (b - 64);
        }
        return (p, d);
    }

    private static (double, double, double) Direction(Random random, double length)
    {
        var (x, y, z) = (random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        var norm = Math.Sqrt(x * x + y * y + z * z);
        return (length * x / norm, length * y / norm, length * z / norm);
    }

    private static (double, double, double) Axis(Random random, double length)
    {
        var sign = random.Next(2) == 0 ? -length : length;
        return random.Next(3) switch { 0 => (sign, 0, 0), 1 => (0, sign, 0), _ => (0, 0, sign) };
    }

    private static (double L, double A, double B) Add((double L, double A, double B) a, (double L, double A, double B) b) => (a.L + b.L, a.A + b.A, a.B + b.B);

    private static (double, double, double)[] Shifted((double L, double A, double B) shift) => Base.Select(c => ((double, double, double))Add(c, shift)).ToArray();

    private static float[] Embedding(Random random, int length)
    {
        var v = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.3)).ToArray();
        var norm = (float)Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    [Theory]
    [InlineData(0.2, 7)]
    [InlineData(0.3, 8)]
    [InlineData(0.45, 9)]
    public void The_index_finds_every_pair_a_comparison_of_every_pair_finds(double bound, int seed)
    {
        var candidates = Adversarial(2500, seed, out var atTheBound);
        var table = new SimilarityTable(candidates);
        var random = new Random(seed);
        // Members: a shuffled two thirds of the candidates, so positions are not candidate indices.
        var members = Enumerable.Range(0, candidates.Count).Where(_ => random.Next(3) > 0).OrderBy(_ => random.Next()).ToList();
        var index = new SimilarityIndex(table, members, new SimilarityBound(bound));
        var scratch = index.NewScratch();
        long pairs = 0, reaching = 0, found = 0, nearTheBound = 0;
        var near = new List<int>();
        for (var x = 0; x < candidates.Count; x++)
        {
            var from = random.Next(members.Count);
            var before = Enumerable.Range(0, from).Where(_ => random.Next(4) == 0).ToList();
            near.Clear();
            index.Near(x, from, before, scratch, near);
            Assert.True(near.SequenceEqual(near.Distinct().Order()), "ascending, each once");
            var allowed = before.Concat(Enumerable.Range(from, members.Count - from)).ToList();
            Assert.All(near, p => Assert.Contains(p, allowed));
            var set = near.ToHashSet();
            foreach (var p in allowed)
            {
                pairs++;
                var phi = table.Between(x, members[p]);
                if (!(phi >= bound)) continue;
                reaching++;
                if (!set.Contains(p)) Assert.Fail($"φ({x}, member {p}) = {phi:R} ≥ {bound} but the index left it out");
                if (Math.Abs(phi - bound) < 1e-6) nearTheBound++;
            }
            found += near.Count;
        }
        // Not vacuous: pairs reach the bound, some within 10⁻⁶ of it, and the index leaves most pairs out.
        Assert.True(atTheBound > 300, $"{atTheBound} candidates made at the bound");
        Assert.InRange(reaching, 1000, pairs / 10);
        if (bound == PhotoSimilarity.Floor) Assert.True(nearTheBound > 20, $"{nearTheBound} pairs within 1e-6 of the bound");
        Assert.True(found < pairs / 4, $"the index kept {found} of {pairs} pairs");
    }

    [Fact]
    public void Pairs_left_out_are_exactly_zero_alike_so_facility_location_sees_the_same_rows()
    {
        // The selector's rows: for each candidate, the non-zero φ to every member, ascending.
        var candidates = Adversarial(2000, seed: 21, out _);
        var table = new SimilarityTable(candidates);
        var members = Enumerable.Range(0, candidates.Count).Where(i => i % 3 != 1).ToList();
        var index = new SimilarityIndex(table, members, new SimilarityBound(PhotoSimilarity.Floor));
        var scratch = index.NewScratch();
        var near = new List<int>();
        for (var x = 0; x < candidates.Count; x++)
        {
            near.Clear();
            index.Near(x, 0, Array.Empty<int>(), scratch, near);
            var indexed = near.Select(p => (p, table.Between(x, members[p]))).Where(e => e.Item2 > 0);
            var brute = Enumerable.Range(0, members.Count).Select(p => (p, table.Between(x, members[p]))).Where(e => e.Item2 > 0);
            Assert.Equal(brute.Select(e => (e.p, BitConverter.DoubleToInt64Bits(e.Item2))), indexed.Select(e => (e.p, BitConverter.DoubleToInt64Bits(e.Item2))));
        }
    }

    [Fact]
    public void Scene_groups_are_those_of_leader_clustering_over_every_leader()
    {
        var candidates = Adversarial(2500, seed: 5, out _);
        // A first leader for many: copies of a few candidates' looks, so groups have several members.
        var groups = SceneGroups.Assign(candidates);
        var leaders = new List<int>();
        var expected = new string[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var g = leaders.FindIndex(a => PhotoSimilarity.Between(candidates[a].Moment, candidates[i].Moment) >= SceneGroups.Threshold);
            if (g < 0)
            {
                leaders.Add(i);
                g = leaders.Count - 1;
            }
            expected[i] = (g + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Equal(expected, groups);
        Assert.InRange(leaders.Count, 10, candidates.Count - 100);
    }

    [Fact]
    public void The_reach_is_the_closest_colour_distance_at_which_phi_meets_the_bound()
    {
        var floor = new SimilarityBound(PhotoSimilarity.Floor);
        // 13 bits apart (layout 0.9): the layout alone reaches 0.2; 14 bits do not.
        Assert.Equal(double.PositiveInfinity, floor.Reach(13));
        Assert.True(double.IsFinite(floor.Reach(14)));
        // 64 bits apart (layout 0): only palettes within 30·(1 − 2√0.2) ≈ 3.17 ΔE.
        Assert.Equal(30 * (1 - 2 * Math.Sqrt(0.2)) + SimilarityBound.Slack, floor.Reach(64), 1e-12);
        // At 0.45 nothing past 44 bits can reach it, even with identical palettes.
        var look = new SimilarityBound(SceneGroups.Threshold);
        Assert.True(look.Possible(44));
        Assert.False(look.Possible(45));
    }
}
