using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Selection;
using Xunit;

namespace PhotoCuration.Tests.Selection;

/// <summary>The compact similarity table gives PhotoSimilarity's φ bit for bit, and its early exits never change a decision.</summary>
public sealed class SimilarityTableTests
{
    private static List<SelectionCandidate> Candidates(int count, int seed)
    {
        var random = new Random(seed);
        var list = new List<SelectionCandidate>();
        var baseHash = (ulong)random.NextInt64();
        for (var i = 0; i < count; i++)
        {
            // Near and far hashes and palettes, some empty palettes and palettes with missing shares.
            var hash = random.Next(3) == 0 ? baseHash ^ (1UL << random.Next(64)) ^ (1UL << random.Next(64)) : (ulong)random.NextInt64();
            var colours = random.Next(8) == 0 ? 0 : random.Next(1, 6);
            var near = random.Next(2) == 0;
            var palette = Enumerable.Range(0, colours).Select(k => near
                ? (50 + k * 5 + random.NextDouble() * 4, 10.0 - k + random.NextDouble() * 4, -5.0 + random.NextDouble() * 4)
                : (random.NextDouble() * 100, random.NextDouble() * 200 - 100, random.NextDouble() * 200 - 100)).ToArray();
            var shares = Enumerable.Range(0, random.Next(2) == 0 ? colours : Math.Max(0, colours - 2)).Select(_ => random.NextDouble()).ToArray();
            var photo = new Photo { PhotoId = $"p{i:0000}", FileName = $"p{i:0000}.jpg" };
            list.Add(new SelectionCandidate
            {
                Photo = photo,
                Moment = new MomentCandidate(photo.PhotoId, photo.FileName, null, hash, hash ^ (ulong)random.Next(1 << 12), palette, shares),
                MomentId = photo.PhotoId,
                MomentSize = 1,
                MomentRank = 1,
            });
        }
        return list;
    }

    [Fact]
    public void Between_is_PhotoSimilarity_bit_for_bit_and_AtLeast_agrees_with_it()
    {
        var candidates = Candidates(300, seed: 7);
        var table = new SimilarityTable(candidates);
        var nonZero = 0;
        for (var a = 0; a < candidates.Count; a++)
        {
            for (var b = 0; b < candidates.Count; b++)
            {
                var expected = PhotoSimilarity.Between(candidates[a].Moment, candidates[b].Moment);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(table.Between(a, b)));
                Assert.Equal(expected >= SceneGroups.Threshold, table.AtLeast(a, b, SceneGroups.Threshold));
                if (expected > 0) nonZero++;
            }
        }
        // The data has both kinds of pair, so both paths (early exit and full distance) ran.
        Assert.InRange(nonZero, 300, 300 * 300 - 300);
    }

    [Fact]
    public void Between_is_symmetric_bit_for_bit()
    {
        // Selection measures a pair of two pickable targets once and uses it both ways (CuratedSelector).
        var candidates = Candidates(300, seed: 11);
        var table = new SimilarityTable(candidates);
        for (var a = 0; a < candidates.Count; a++)
        {
            for (var b = a + 1; b < candidates.Count; b++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(table.Between(a, b)), BitConverter.DoubleToInt64Bits(table.Between(b, a)));
            }
        }
    }
}
