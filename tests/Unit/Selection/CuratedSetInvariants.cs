using PhotoCuration.Engine.Core;
using System.Text.RegularExpressions;
using PhotoCuration.Engine.Selection;
using Xunit;

namespace PhotoCuration.Tests.Selection;

/// <summary>
/// What a curated set guarantees about its orders, stars and reasons (docs/algorithms.md#selection),
/// checked on any set:
/// <list type="number">
/// <item>The items are in sequence order 1…N; ranks are 1…N once each, in Total_prelim order (ties by photo id).</item>
/// <item>Among picks the gate kept (not flagged), a better rank never has fewer stars.</item>
/// <item>No reason speaks of an order: nothing "not yet covered", nothing "picked before it".</item>
/// <item>Every "the only axis:value photo in the set" holds over the whole set: no other item — earlier
/// in the sequence, better in rank, or any — has that value.</item>
/// <item>"rank r of N picks" states the item's own rank and the set's size; "most alike other pick: f" names another pick.</item>
/// </list>
/// </summary>
public static class CuratedSetInvariants
{
    private static readonly Regex Only = new(@"^the only (?<axis>[a-z_]+):(?<value>\S+) photo in the set$", RegexOptions.CultureInvariant);
    private static readonly Regex RankOf = new(@"rank (?<rank>\d+) of (?<n>\d+) picks", RegexOptions.CultureInvariant);
    private static readonly Regex Alike = new(@"^most alike other pick: (?<file>.+) \(\d\.\d\d similar\)", RegexOptions.CultureInvariant);

    /// <returns>How many coverage claims were checked.</returns>
    public static int AssertHold(CuratedSet set)
    {
        var items = set.Items;
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.Sequence));
        var byQuality = items.OrderByDescending(i => i.Total).ThenBy(i => i.PhotoId, StringComparer.Ordinal).Select(i => i.PhotoId).ToList();
        Assert.Equal(items.Select(i => byQuality.IndexOf(i.PhotoId) + 1), items.Select(i => i.Rank));

        var kept = items.Where(i => GateVerdict.Of(i.Photo.Score) == GateVerdict.Kept).OrderBy(i => i.Rank).ToList();
        for (var k = 1; k < kept.Count; k++)
        {
            Assert.True(kept[k - 1].Rating >= kept[k].Rating, $"rank {kept[k - 1].Rank} has {kept[k - 1].Rating} stars, rank {kept[k].Rank} has {kept[k].Rating}");
        }

        var claims = 0;
        foreach (var item in items)
        {
            Assert.InRange(item.Rating, 1, 5);
            foreach (var reason in item.Reasons)
            {
                Assert.DoesNotContain("not yet covered", reason);
                Assert.DoesNotContain("before it", reason);
                if (Only.Match(reason) is { Success: true } only)
                {
                    claims++;
                    var (axis, value) = (only.Groups["axis"].Value, only.Groups["value"].Value);
                    Assert.Equal(value, item.Axes[axis]);
                    var contradicting = items.Where(o => o != item && o.Axes.GetValueOrDefault(axis) == value).ToList();
                    Assert.True(contradicting.Count == 0,
                        $"#{item.Sequence} (rank {item.Rank}) says '{reason}' but {string.Join(", ", contradicting.Select(o => $"#{o.Sequence} (rank {o.Rank})"))} has it too");
                }
                if (RankOf.Match(reason) is { Success: true } rank)
                {
                    Assert.Equal(item.Rank, int.Parse(rank.Groups["rank"].Value, System.Globalization.CultureInfo.InvariantCulture));
                    Assert.Equal(items.Count, int.Parse(rank.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
                if (Alike.Match(reason) is { Success: true } alike)
                {
                    Assert.Contains(items, o => o != item && o.FileName == alike.Groups["file"].Value);
                }
            }
        }
        return claims;
    }

    /// <summary>Spearman's ρ with mid-ranks for ties (the engine's <see cref="RankCorrelation"/>); 0 when a side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        RankCorrelation.Spearman(a, b) is var rho && double.IsNaN(rho) ? 0 : rho;
}
