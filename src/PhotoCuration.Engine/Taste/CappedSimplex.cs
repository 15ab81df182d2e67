namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Euclidean projection onto the capped simplex {w : 0 ≤ wᵢ ≤ cap, Σwᵢ = 1} (docs/algorithms.md#learning-weights):
/// wᵢ = clamp(vᵢ − τ, 0, cap) with the τ that makes the sum 1, found by bisection (the sum falls
/// monotonically in τ). Needs cap · n ≥ 1.
/// </summary>
public static class CappedSimplex
{
    public static double[] Project(IReadOnlyList<double> v, double cap)
    {
        if (cap * v.Count < 1) throw new ArgumentException($"{v.Count} weights capped at {cap} cannot sum to 1.", nameof(cap));
        double lo = v.Min() - 1, hi = v.Max();
        for (var i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            var tau = (lo + hi) / 2;
            if (Sum(v, tau, cap) > 1) lo = tau;
            else hi = tau;
        }
        var t = (lo + hi) / 2;
        return v.Select(x => Math.Clamp(x - t, 0, cap)).ToArray();
    }

    private static double Sum(IReadOnlyList<double> v, double tau, double cap) => v.Sum(x => Math.Clamp(x - tau, 0, cap));
}
