namespace PhotoCuration.Engine.Ranking;

/// <summary>Which pairs are judged; indices refer to photos pre-ranked by Total_prelim.</summary>
public static class PairSchedule
{
    /// <summary>
    /// Round robin of the first <paramref name="count"/> items, capped at <paramref name="maxPairs"/>:
    /// pairs with the Total_prelim leader come first, so a cap still decides the hero.
    /// </summary>
    public static IReadOnlyList<(int A, int B)> RoundRobin(int count, int maxPairs)
    {
        var pairs = new List<(int, int)>();
        for (var a = 0; a < count; a++)
        {
            for (var b = a + 1; b < count; b++) pairs.Add((a, b));
        }
        return pairs.Take(Math.Max(0, maxPairs)).ToList();
    }

    /// <summary>
    /// Bounded schedule for the opener finalists: each finalist meets its next <paramref name="width"/>
    /// neighbours in Total_prelim order, 2n − 3 pairs for width 2 instead of n(n−1)/2 (190 for n = 20).
    /// [heuristic, docs/algorithms.md#ranking "Budget"] Neighbours are where the automatic scores are least
    /// sure, and the chain keeps every finalist connected, so Bradley–Terry orders all of them.
    /// </summary>
    public static IReadOnlyList<(int A, int B)> Neighbours(int count, int width = 2)
    {
        var pairs = new List<(int, int)>();
        for (var a = 0; a < count; a++)
        {
            for (var step = 1; step <= width && a + step < count; step++) pairs.Add((a, a + step));
        }
        return pairs;
    }
}
