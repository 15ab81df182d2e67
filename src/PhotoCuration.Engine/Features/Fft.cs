using System.Numerics;

namespace PhotoCuration.Engine.Features;

/// <summary>In-place iterative radix-2 FFT (Cooley–Tukey), enough for the 64×64 saliency transform.</summary>
public static class Fft
{
    public static void Transform(Complex[] data, bool inverse)
    {
        var n = data.Length;
        if (n == 0 || (n & (n - 1)) != 0) throw new ArgumentException("FFT length must be a power of two.");
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) (data[i], data[j]) = (data[j], data[i]);
        }
        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = 2 * Math.PI / length * (inverse ? 1 : -1);
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var i = 0; i < n; i += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var u = data[i + k];
                    var v = data[i + k + length / 2] * w;
                    data[i + k] = u + v;
                    data[i + k + length / 2] = u - v;
                    w *= step;
                }
            }
        }
        if (inverse)
        {
            for (var i = 0; i < n; i++) data[i] /= n;
        }
    }

    /// <summary>2-D transform of a square power-of-two grid: rows, then columns.</summary>
    public static void Transform2D(Complex[,] grid, bool inverse)
    {
        var n = grid.GetLength(0);
        var line = new Complex[n];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++) line[x] = grid[y, x];
            Transform(line, inverse);
            for (var x = 0; x < n; x++) grid[y, x] = line[x];
        }
        for (var x = 0; x < n; x++)
        {
            for (var y = 0; y < n; y++) line[y] = grid[y, x];
            Transform(line, inverse);
            for (var y = 0; y < n; y++) grid[y, x] = line[y];
        }
    }
}
