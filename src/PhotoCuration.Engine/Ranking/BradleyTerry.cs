namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Bradley–Terry strengths by Hunter's (2004) MM algorithm, as choix's <c>mm_pairwise</c> with a prior
/// (docs/algorithms.md#ranking): p_i ← (W_i + α) / (Σ_{games of i} w/(p_i + p_opp) + α), rescaled so Σp = n,
/// until the L1 change is below 1e−8. Order-independent, unlike online Elo. A tie is two half-weight
/// games, one won by each side (FastChat's <c>compute_mle_elo</c> counts a tie as one win for each side
/// of a duplicated battle).
/// </summary>
public static class BradleyTerry
{
    /// <summary>
    /// Prior strength α. Any α &gt; 0 gives the MAP estimate, which stays finite when a photo wins or
    /// loses every game (the MLE diverges then); with α = 1 and at most 6 games a photo that never
    /// played stays at the mean strength 1.
    /// </summary>
    public const double Alpha = 1.0;

    public const double Tolerance = 1e-8;
    public const int MaxIterations = 10_000;

    public readonly record struct Game(int Winner, int Loser, double Weight);

    public static double[] Fit(int count, IReadOnlyList<Game> games, double alpha = Alpha)
    {
        if (alpha <= 0) throw new ArgumentOutOfRangeException(nameof(alpha), "α must be positive.");
        var p = Enumerable.Repeat(1.0, count).ToArray();
        var wins = new double[count];
        foreach (var g in games) wins[g.Winner] += g.Weight;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var denominators = new double[count];
            foreach (var g in games)
            {
                var share = g.Weight / (p[g.Winner] + p[g.Loser]);
                denominators[g.Winner] += share;
                denominators[g.Loser] += share;
            }
            var next = new double[count];
            for (var i = 0; i < count; i++) next[i] = (wins[i] + alpha) / (denominators[i] + alpha);
            var scale = count / next.Sum();
            var change = 0.0;
            for (var i = 0; i < count; i++)
            {
                next[i] *= scale;
                change += Math.Abs(next[i] - p[i]);
            }
            p = next;
            if (change < Tolerance) break;
        }
        return p;
    }

    /// <summary>Games of a set of pair judgments, by index of each photo id.</summary>
    public static List<Game> Games(IEnumerable<PairJudgment> judgments, IReadOnlyDictionary<string, int> index)
    {
        var games = new List<Game>();
        foreach (var j in judgments)
        {
            int a = index[j.FirstId], b = index[j.SecondId];
            if (j.WinnerId is null)
            {
                games.Add(new Game(a, b, 0.5));
                games.Add(new Game(b, a, 0.5));
            }
            else
            {
                games.Add(j.WinnerId == j.FirstId ? new Game(a, b, 1) : new Game(b, a, 1));
            }
        }
        return games;
    }

    /// <summary>
    /// Indices ordered by strength, strongest first; strengths equal to 9 digits keep their prior order
    /// (Total_prelim), so a judge that only says "tie" changes nothing.
    /// </summary>
    public static int[] Order(IReadOnlyList<double> strengths) =>
        Enumerable.Range(0, strengths.Count)
            .OrderByDescending(i => Math.Round(strengths[i], 9))
            .ThenBy(i => i)
            .ToArray();
}
