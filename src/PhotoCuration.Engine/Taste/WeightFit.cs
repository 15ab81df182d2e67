namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Fits the five scorecard weights to a photographer's within-moment choices with a pairwise-logistic
/// (Bradley–Terry) model (docs/algorithms.md#learning-weights): P(a preferred to b) = σ(β · w·(s_a − s_b)),
/// maximising Σ cₖ log σ(β w·dₖ) − (κ/2)‖w − w₀‖² over w on the capped simplex (w ≥ 0, Σw = 1, wᵢ ≤ 0.6)
/// by projected gradient, alternating with a Newton step on the scale β. The prior pulls w toward the base
/// theme's weights w₀; its pull fades as pairs accumulate.
/// </summary>
public static class WeightFit
{
    /// <summary>Largest single weight: no one score may decide alone.</summary>
    public const double Cap = 0.6;

    /// <summary>
    /// Prior strength κ [heuristic]: fitting noise gains O(1) nats of likelihood whatever the number of pairs
    /// (β adapts to the data's scale), so a move of 0.1 in w must cost about that much: κ/2 · 0.1² = 1.
    /// A real preference gains in proportion to the pairs and outgrows it.
    /// </summary>
    public const double PriorStrength = 200;

    /// <summary>Bounds of the Bradley–Terry scale β [heuristic]: Totals differ by 0.01–0.3 between frames.</summary>
    public const double MinScale = 1, MaxScale = 60;

    public const int Iterations = 400;

    public sealed record Result(double[] Weights, double Scale, double LogLikelihood, int Pairs);

    public static Result Fit(IReadOnlyList<PreferencePair> pairs, IReadOnlyList<double> prior, double priorStrength = PriorStrength)
    {
        var w0 = CappedSimplex.Project(prior, Cap);
        if (pairs.Count == 0) return new Result(w0.Select(x => Math.Round(x, 4)).ToArray(), MinScale, 0, 0);
        var d = pairs.Select(p => p.Preferred.Zip(p.Other, (a, b) => a - b).ToArray()).ToArray();
        var c = pairs.Select(p => p.Weight).ToArray();
        var w = w0.ToArray();
        var beta = 10.0;
        var meanSq = d.Zip(c, (x, ci) => ci * x.Sum(v => v * v)).Sum();
        for (var it = 0; it < Iterations; it++)
        {
            beta = NewtonScale(d, c, w, beta);
            // Gradient of the negative log posterior; step 1/L with L bounding its curvature.
            var grad = new double[w.Length];
            for (var k = 0; k < d.Length; k++)
            {
                var m = beta * Dot(w, d[k]);
                var g = -c[k] * beta * Sigmoid(-m);
                for (var i = 0; i < w.Length; i++) grad[i] += g * d[k][i];
            }
            for (var i = 0; i < w.Length; i++) grad[i] += priorStrength * (w[i] - w0[i]);
            var lipschitz = beta * beta * meanSq / 4 + priorStrength;
            w = CappedSimplex.Project(w.Select((x, i) => x - grad[i] / lipschitz).ToArray(), Cap);
        }
        var ll = d.Select((x, k) => c[k] * LogSigmoid(beta * Dot(w, x))).Sum();
        return new Result(w.Select(x => Math.Round(x, 4)).ToArray(), Math.Round(beta, 4), ll, pairs.Count);
    }

    /// <summary>A few Newton steps on β for fixed w, kept in [MinScale, MaxScale] (separable data would send β to infinity).</summary>
    private static double NewtonScale(double[][] d, double[] c, double[] w, double beta)
    {
        var margins = d.Select(x => Dot(w, x)).ToArray();
        for (var step = 0; step < 5; step++)
        {
            double g = 0, h = 0;
            for (var k = 0; k < margins.Length; k++)
            {
                var s = Sigmoid(beta * margins[k]);
                g += c[k] * (1 - s) * margins[k];
                h += c[k] * s * (1 - s) * margins[k] * margins[k];
            }
            if (h <= 1e-12) break;
            beta = Math.Clamp(beta + g / h, MinScale, MaxScale);
        }
        return beta;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
    private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));
}
