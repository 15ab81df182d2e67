namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Fits a taste over measured properties to within-moment choices (docs/algorithms.md#taste-over-measured-properties):
/// a pairwise-logistic (Bradley–Terry) model P(a ≻ b) = σ(γ (T_a − T_b) + β·(z_a − z_b)) with T the scorecard's
/// Total and z the properties standardized per shoot, maximising Σ cₖ log σ(·) − (λ/2)‖β‖² − (λ_γ/2) γ² by
/// Newton's method (the objective is strictly concave, so Newton with step halving converges). γ says how much
/// the photographer's choices already follow Total; β/γ is the taste in units of Total.
/// </summary>
public static class PropertyFit
{
    /// <summary>
    /// L2 pull of each property's coefficient toward 0 [heuristic]: worth about 16 pairs of unit spread
    /// (each pair carries at most ¼ of its squared difference in Fisher information), so a handful of
    /// pairs cannot make a taste, a few dozen consistent ones can.
    /// </summary>
    public const double Ridge = 4;

    /// <summary>Weak pull on γ [heuristic]: only keeps it finite when Total alone separates the pairs.</summary>
    public const double TotalRidge = 0.01;

    public const int MaxIterations = 60;

    /// <summary>One pair: the difference of Totals, of standardized properties, and the pair's weight.</summary>
    public sealed record Pair(double TotalDifference, double[] PropertyDifference, double Weight);

    public sealed record Result(double TotalScale, double[] Coefficients, double LogLikelihood, int Pairs);

    public static Result Fit(IReadOnlyList<Pair> pairs, int properties, double ridge = Ridge)
    {
        var n = properties + 1;
        var theta = new double[n];
        if (pairs.Count == 0) return new Result(0, new double[properties], 0, 0);
        var x = pairs.Select(p => new[] { p.TotalDifference }.Concat(p.PropertyDifference).ToArray()).ToArray();
        var c = pairs.Select(p => p.Weight).ToArray();
        var penalty = Enumerable.Range(0, n).Select(i => i == 0 ? TotalRidge : ridge).ToArray();
        var objective = Objective(x, c, penalty, theta);
        for (var it = 0; it < MaxIterations; it++)
        {
            var grad = new double[n];
            var hess = new double[n, n];
            for (var k = 0; k < x.Length; k++)
            {
                var s = Sigmoid(Dot(theta, x[k]));
                var g = c[k] * (1 - s);
                var h = c[k] * s * (1 - s);
                for (var i = 0; i < n; i++)
                {
                    grad[i] += g * x[k][i];
                    for (var j = 0; j <= i; j++) hess[i, j] += h * x[k][i] * x[k][j];
                }
            }
            for (var i = 0; i < n; i++)
            {
                grad[i] -= penalty[i] * theta[i];
                hess[i, i] += penalty[i];
                for (var j = 0; j < i; j++) hess[j, i] = hess[i, j];
            }
            var step = Cholesky.Solve(hess, grad);
            // Step halving keeps every step an ascent (Newton can overshoot far from the optimum).
            var t = 1.0;
            double[] next;
            double value;
            do
            {
                next = theta.Select((v, i) => v + t * step[i]).ToArray();
                value = Objective(x, c, penalty, next);
                t /= 2;
            }
            while (value < objective - 1e-12 && t > 1e-6);
            var moved = step.Max(Math.Abs) * t * 2;
            theta = next;
            objective = value;
            if (moved < 1e-10) break;
        }
        var ll = x.Select((v, k) => c[k] * LogSigmoid(Dot(theta, v))).Sum();
        return new Result(theta[0], theta.Skip(1).ToArray(), ll, pairs.Count);
    }

    private static double Objective(double[][] x, double[] c, double[] penalty, double[] theta)
    {
        double v = 0;
        for (var k = 0; k < x.Length; k++) v += c[k] * LogSigmoid(Dot(theta, x[k]));
        for (var i = 0; i < theta.Length; i++) v -= penalty[i] * theta[i] * theta[i] / 2;
        return v;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
    private static double LogSigmoid(double v) => v >= 0 ? -Math.Log(1 + Math.Exp(-v)) : v - Math.Log(1 + Math.Exp(v));

    /// <summary>Solves A x = b for a symmetric positive definite A (the ridge makes the negative Hessian one).</summary>
    private static class Cholesky
    {
        public static double[] Solve(double[,] a, double[] b)
        {
            var n = b.Length;
            var l = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var s = a[i, j];
                    for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                    l[i, j] = i == j ? Math.Sqrt(Math.Max(s, 1e-300)) : s / l[j, j];
                }
            }
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var s = b[i];
                for (var k = 0; k < i; k++) s -= l[i, k] * y[k];
                y[i] = s / l[i, i];
            }
            var x = new double[n];
            for (var i = n - 1; i >= 0; i--)
            {
                var s = y[i];
                for (var k = i + 1; k < n; k++) s -= l[k, i] * x[k];
                x[i] = s / l[i, i];
            }
            return x;
        }
    }
}
