using System.Runtime.CompilerServices;
using System.Numerics;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// 3×3 Sobel gradients of the luma plane with replicate borders (MATLAB fspecial('sobel'), as in
/// Pertuz's fmeasure.m), computed once and shared by sharpness, copy space and horizon tilt: Gx, Gy,
/// the energy Gx² + Gy² (the Tenengrad summand) and the magnitude √energy. Vectorized inside each row,
/// scalar on the two border columns. Pooled planes: dispose when done.
/// </summary>
public sealed class Gradients : IDisposable
{
    private readonly PooledPlane<float> _gx, _gy, _energy, _magnitude;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Gradients(FeatureImage image)
    {
        Width = image.Width;
        Height = image.Height;
        var n = Width * Height;
        _gx = new PooledPlane<float>(n);
        _gy = new PooledPlane<float>(n);
        _energy = new PooledPlane<float>(n);
        _magnitude = new PooledPlane<float>(n);
        var l = image.Luma;
        for (var y = 0; y < Height; y++)
        {
            var above = l.Slice(Math.Max(y - 1, 0) * Width, Width);
            var row = l.Slice(y * Width, Width);
            var below = l.Slice(Math.Min(y + 1, Height - 1) * Width, Width);
            var offset = y * Width;
            var x = Interior(above, row, below, offset);
            Scalar(above, row, below, offset, 0);
            for (; x < Width; x++) Scalar(above, row, below, offset, x);
        }
    }

    public int Width { get; }
    public int Height { get; }
    public ReadOnlySpan<float> Gx => _gx.Span;
    public ReadOnlySpan<float> Gy => _gy.Span;
    /// <summary>Gx² + Gy² per pixel (the Tenengrad summand).</summary>
    public ReadOnlySpan<float> Energy => _energy.Span;
    /// <summary>√(Gx² + Gy²) per pixel.</summary>
    public ReadOnlySpan<float> Magnitude => _magnitude.Span;

    public void Dispose()
    {
        _gx.Dispose();
        _gy.Dispose();
        _energy.Dispose();
        _magnitude.Dispose();
    }

    /// <summary>Columns 1 … W−2 need no clamping: whole vectors; returns the first column left to do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Interior(ReadOnlySpan<float> above, ReadOnlySpan<float> row, ReadOnlySpan<float> below, int offset)
    {
        var lanes = Vector<float>.Count;
        var x = 1;
        if (Width < lanes + 2) return x;
        Span<float> gx = _gx.Span.Slice(offset, Width), gy = _gy.Span.Slice(offset, Width);
        Span<float> energy = _energy.Span.Slice(offset, Width), magnitude = _magnitude.Span.Slice(offset, Width);
        var two = new Vector<float>(2f);
        for (; x + lanes <= Width - 1; x += lanes)
        {
            var aL = new Vector<float>(above[(x - 1)..]);
            var aC = new Vector<float>(above[x..]);
            var aR = new Vector<float>(above[(x + 1)..]);
            var rL = new Vector<float>(row[(x - 1)..]);
            var rR = new Vector<float>(row[(x + 1)..]);
            var bL = new Vector<float>(below[(x - 1)..]);
            var bC = new Vector<float>(below[x..]);
            var bR = new Vector<float>(below[(x + 1)..]);
            var dx = (aR + two * rR + bR) - (aL + two * rL + bL);
            var dy = (bL + two * bC + bR) - (aL + two * aC + aR);
            var e = dx * dx + dy * dy;
            dx.CopyTo(gx[x..]);
            dy.CopyTo(gy[x..]);
            e.CopyTo(energy[x..]);
            Vector.SquareRoot(e).CopyTo(magnitude[x..]);
        }
        return x;
    }

    private void Scalar(ReadOnlySpan<float> above, ReadOnlySpan<float> row, ReadOnlySpan<float> below, int offset, int x)
    {
        var xm = Math.Max(x - 1, 0);
        var xp = Math.Min(x + 1, Width - 1);
        var dx = (above[xp] + 2 * row[xp] + below[xp]) - (above[xm] + 2 * row[xm] + below[xm]);
        var dy = (below[xm] + 2 * below[x] + below[xp]) - (above[xm] + 2 * above[x] + above[xp]);
        var e = dx * dx + dy * dy;
        _gx.Span[offset + x] = dx;
        _gy.Span[offset + x] = dy;
        _energy.Span[offset + x] = e;
        _magnitude.Span[offset + x] = MathF.Sqrt(e);
    }
}
