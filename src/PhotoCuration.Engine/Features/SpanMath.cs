using System.Runtime.CompilerServices;
using System.Numerics;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// Vectorized reductions over float spans for the per-pixel passes (System.Numerics.Vector: SSE/AVX2/
/// AVX-512/NEON, whichever the machine has). Partial sums are float over one row segment (at most a
/// row, ≤ a few thousand values in [0, 16]) and returned as double, so they agree with a scalar double
/// loop far below the 6 decimals the features are stored with. The lane count, and so the summation
/// order, is fixed per machine: results are deterministic on a machine.
/// </summary>
internal static class SpanMath
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<float> values)
    {
        var lanes = Vector<float>.Count;
        var acc = Vector<float>.Zero;
        var i = 0;
        for (; i + lanes <= values.Length; i += lanes) acc += new Vector<float>(values[i..]);
        double sum = Vector.Sum(acc);
        for (; i < values.Length; i++) sum += values[i];
        return sum;
    }

    /// <summary>Σ a and Σ a² in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Sum, double Squares) SumAndSquares(ReadOnlySpan<float> values)
    {
        var lanes = Vector<float>.Count;
        Vector<float> acc = Vector<float>.Zero, squares = Vector<float>.Zero;
        var i = 0;
        for (; i + lanes <= values.Length; i += lanes)
        {
            var v = new Vector<float>(values[i..]);
            acc += v;
            squares += v * v;
        }
        double sum = Vector.Sum(acc), square = Vector.Sum(squares);
        for (; i < values.Length; i++)
        {
            sum += values[i];
            square += values[i] * values[i];
        }
        return (sum, square);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Max(ReadOnlySpan<float> values)
    {
        var lanes = Vector<float>.Count;
        var acc = new Vector<float>(float.MinValue);
        var i = 0;
        for (; i + lanes <= values.Length; i += lanes) acc = Vector.Max(acc, new Vector<float>(values[i..]));
        var max = float.MinValue;
        for (var l = 0; l < lanes; l++) max = Math.Max(max, acc[l]);
        for (; i < values.Length; i++) max = Math.Max(max, values[i]);
        return max;
    }
}
