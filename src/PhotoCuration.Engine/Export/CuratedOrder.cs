using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// The two orders of a curated set as export reads them (docs/curated-list.md): <c>sequence</c>, the
/// layout order the list is written in, and <c>rank</c>, the quality order (1 = best Total_prelim, ties by
/// photo id). Sets made by Select-CuratedSet carry both and their stars. A set built by hand that only
/// numbers its items through Rank (the shape before sequence existed) keeps that numbering as its
/// sequence and is ranked by quality; one with sequence numbers but no ranks is ranked by quality; its
/// unrated items get stars from their Total among the picks (the rest of the shoot is not known here).
/// </summary>
public static class CuratedOrder
{
    /// <summary>The picks in sequence order, completed as above; refuses sequences or ranks that are not 1…N once each.</summary>
    public static IReadOnlyList<CuratedItem> Complete(CuratedSet set)
    {
        var items = (set.Items ?? new List<CuratedItem>()).Where(i => i is not null).ToList();
        if (items.Count > 0 && items.All(i => i.Sequence == 0))
        {
            foreach (var item in items) item.Sequence = item.Rank;
            RequireOneToN(set, items.Select(i => i.Sequence), "ranks");
            RankByQuality(items);
        }
        else if (items.All(i => i.Rank == 0))
        {
            RankByQuality(items);
        }
        RequireOneToN(set, items.Select(i => i.Sequence), "sequence numbers");
        RequireOneToN(set, items.Select(i => i.Rank), "ranks");
        if (items.Any(i => i.Rating is < 1 or > 5))
        {
            var totals = StarRating.KeptTotals(items.Select(i => i.Photo));
            foreach (var item in items.Where(i => i.Rating is < 1 or > 5)) item.Rating = StarRating.For(item.Photo.Score, totals);
        }
        return items.OrderBy(i => i.Sequence).ToList();
    }

    /// <summary>Ranks the items by Total_prelim, best first, ties by photo id.</summary>
    public static void RankByQuality(IReadOnlyList<CuratedItem> items)
    {
        var ordered = items.OrderByDescending(i => i.Total).ThenBy(i => i.PhotoId, StringComparer.Ordinal).ToList();
        for (var r = 0; r < ordered.Count; r++) ordered[r].Rank = r + 1;
    }

    private static void RequireOneToN(CuratedSet set, IEnumerable<int> numbers, string what)
    {
        var list = numbers.ToList();
        if (!list.OrderBy(n => n).SequenceEqual(Enumerable.Range(1, list.Count)))
        {
            throw new ArgumentException($"The curated set of batch '{set.BatchId}' has {what} {string.Join(", ", list)}; expected 1 to {list.Count}, each once.");
        }
    }
}
