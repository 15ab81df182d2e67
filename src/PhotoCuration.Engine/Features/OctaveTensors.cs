using System.Numerics;
using System.Runtime.CompilerServices;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// Gradient structure tensors (Σ Gx², Σ Gy², Σ Gx·Gy of the 3×3 Sobel pair) per tile of a grid, at
/// each octave of a 2×2 box pyramid of the luma plane: octave 0 is the image itself (its Sobel planes
/// are reused), octave k averages 2^k × 2^k pixels. Tile t at every octave covers the same part of the
/// frame, so the tensors of one tile can be compared across octaves. What the numbers mean is in
/// <see cref="Detail"/> (docs/algorithms.md#detail-octaves-and-motion-blur).
/// </summary>
public sealed class OctaveTensors
{
    private readonly double[] _sums;   // [octave][tile][xx, yy, xy]
    private readonly int[] _pixels;    // pixels per octave (whole frame)

    private OctaveTensors(int octaves, int grid)
    {
        Octaves = octaves;
        Grid = grid;
        _sums = new double[octaves * grid * grid * 3];
        _pixels = new int[octaves];
    }

    /// <summary>Octaves measured (octave 0 included).</summary>
    public int Octaves { get; }
    public int Grid { get; }
    public int Tiles => Grid * Grid;

    /// <summary>Σ Gx², Σ Gy², Σ Gx·Gy of tile <paramref name="tile"/> at <paramref name="octave"/>.</summary>
    public (double Xx, double Yy, double Xy) Tile(int octave, int tile)
    {
        var i = (octave * Tiles + tile) * 3;
        return (_sums[i], _sums[i + 1], _sums[i + 2]);
    }

    /// <summary>Pixels of the whole frame at an octave.</summary>
    public int Pixels(int octave) => _pixels[octave];

    /// <summary>
    /// Measures up to <paramref name="maxOctaves"/> octaves, fewer when the image is too small for a
    /// tile to keep at least 2×2 pixels at the coarsest one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static OctaveTensors Measure(FeatureImage image, Gradients gradients, int grid, int maxOctaves)
    {
        int w = image.Width, h = image.Height;
        var octaves = 1;
        while (octaves < maxOctaves && (w >> octaves) >= 2 * grid && (h >> octaves) >= 2 * grid) octaves++;
        var result = new OctaveTensors(octaves, grid);
        result.Accumulate(0, gradients.Gx, gradients.Gy, w, h);

        // Pooled planes, as every feature plane: no large-object allocation per photo.
        PooledPlane<float>? level = null;
        try
        {
            for (var k = 1; k < octaves; k++)
            {
                var half = Halve(level is null ? image.Luma : level.Span, w, h);
                level?.Dispose();
                level = half;
                (w, h) = (w / 2, h / 2);
                using var gx = new PooledPlane<float>(w * h);
                using var gy = new PooledPlane<float>(w * h);
                Sobel(level.Span, w, h, gx.Span, gy.Span);
                result.Accumulate(k, gx.Span, gy.Span, w, h);
            }
        }
        finally
        {
            level?.Dispose();
        }
        return result;
    }

    /// <summary>Tile sums of the three tensor products, one row segment per tile at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(int octave, ReadOnlySpan<float> gx, ReadOnlySpan<float> gy, int w, int h)
    {
        _pixels[octave] = w * h;
        var columns = Downsampler.Boundaries(w, Grid);
        var rows = Downsampler.Boundaries(h, Grid);
        var lanes = Vector<float>.Count;
        for (var ty = 0; ty < Grid; ty++)
        {
            for (var y = rows[ty]; y < rows[ty + 1]; y++)
            {
                var rx = gx.Slice(y * w, w);
                var ry = gy.Slice(y * w, w);
                for (var tx = 0; tx < Grid; tx++)
                {
                    Vector<float> xx = Vector<float>.Zero, yy = Vector<float>.Zero, xy = Vector<float>.Zero;
                    var x = columns[tx];
                    var end = columns[tx + 1];
                    for (; x + lanes <= end; x += lanes)
                    {
                        var a = new Vector<float>(rx[x..]);
                        var b = new Vector<float>(ry[x..]);
                        xx += a * a;
                        yy += b * b;
                        xy += a * b;
                    }
                    double sxx = Vector.Sum(xx), syy = Vector.Sum(yy), sxy = Vector.Sum(xy);
                    for (; x < end; x++)
                    {
                        sxx += rx[x] * rx[x];
                        syy += ry[x] * ry[x];
                        sxy += rx[x] * ry[x];
                    }
                    var i = (octave * Tiles + ty * Grid + tx) * 3;
                    _sums[i] += sxx;
                    _sums[i + 1] += syy;
                    _sums[i + 2] += sxy;
                }
            }
        }
    }

    /// <summary>2×2 box mean; an odd last row or column is dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PooledPlane<float> Halve(ReadOnlySpan<float> plane, int w, int h)
    {
        int hw = w / 2, hh = h / 2;
        var result = new PooledPlane<float>(hw * hh);
        var half = result.Span;
        for (var y = 0; y < hh; y++)
        {
            var a = plane.Slice(2 * y * w, w);
            var b = plane.Slice((2 * y + 1) * w, w);
            var o = half.Slice(y * hw, hw);
            for (var x = 0; x < hw; x++) o[x] = 0.25f * (a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1]);
        }
        return result;
    }

    /// <summary>The same 3×3 Sobel pair as <see cref="Gradients"/> (replicate borders), so octaves compare; vectorized inside each row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sobel(ReadOnlySpan<float> l, int w, int h, Span<float> gx, Span<float> gy)
    {
        var lanes = Vector<float>.Count;
        var two = new Vector<float>(2f);
        for (var y = 0; y < h; y++)
        {
            var above = l.Slice(Math.Max(y - 1, 0) * w, w);
            var row = l.Slice(y * w, w);
            var below = l.Slice(Math.Min(y + 1, h - 1) * w, w);
            var ox = gx.Slice(y * w, w);
            var oy = gy.Slice(y * w, w);
            var x = 1;
            for (; x + lanes <= w - 1; x += lanes)
            {
                var aL = new Vector<float>(above[(x - 1)..]);
                var aR = new Vector<float>(above[(x + 1)..]);
                var bL = new Vector<float>(below[(x - 1)..]);
                var bR = new Vector<float>(below[(x + 1)..]);
                var dx = (aR + two * new Vector<float>(row[(x + 1)..]) + bR) - (aL + two * new Vector<float>(row[(x - 1)..]) + bL);
                var dy = (bL + two * new Vector<float>(below[x..]) + bR) - (aL + two * new Vector<float>(above[x..]) + aR);
                dx.CopyTo(ox[x..]);
                dy.CopyTo(oy[x..]);
            }
            SobelAt(above, row, below, ox, oy, 0);
            for (; x < w; x++) SobelAt(above, row, below, ox, oy, x);
        }
    }

    private static void SobelAt(ReadOnlySpan<float> above, ReadOnlySpan<float> row, ReadOnlySpan<float> below, Span<float> gx, Span<float> gy, int x)
    {
        var w = row.Length;
        var xm = Math.Max(x - 1, 0);
        var xp = Math.Min(x + 1, w - 1);
        gx[x] = (above[xp] + 2 * row[xp] + below[xp]) - (above[xm] + 2 * row[xm] + below[xm]);
        gy[x] = (below[xm] + 2 * below[x] + below[xp]) - (above[xm] + 2 * above[x] + above[xp]);
    }
}
