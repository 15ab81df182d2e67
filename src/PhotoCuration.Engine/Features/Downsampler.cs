using System.Runtime.CompilerServices;
namespace PhotoCuration.Engine.Features;

/// <summary>
/// Area-average (box) reduction of a plane to a small grid, aspect ratio ignored. Pixel x belongs to
/// cell ⌊x·gridWidth/width⌋ (likewise y), so cell c spans columns ⌈c·W/g⌉ … ⌈(c+1)·W/g⌉ − 1; each row
/// is summed per cell with vector sums over those contiguous runs, with no per-pixel index arithmetic.
/// Cells that no pixel falls in (grids larger than the image) read 0.
/// </summary>
public static class Downsampler
{
    public static float[,] Luma(FeatureImage image, int width, int height)
    {
        var means = CellMeans(image.Luma, image.Width, image.Height, width, height);
        var result = new float[height, width];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                result[y, x] = (float)means[y * width + x];
        return result;
    }

    /// <summary>Mean of the plane over each cell of a gridWidth × gridHeight grid, row-major.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] CellMeans(ReadOnlySpan<float> plane, int width, int height, int gridWidth, int gridHeight)
    {
        if (plane.Length != width * height) throw new ArgumentException("Plane size does not match width×height.", nameof(plane));
        var columns = Boundaries(width, gridWidth);
        var rows = Boundaries(height, gridHeight);
        var sums = new double[gridWidth * gridHeight];
        for (var gy = 0; gy < gridHeight; gy++)
        {
            var cellRow = sums.AsSpan(gy * gridWidth, gridWidth);
            for (var y = rows[gy]; y < rows[gy + 1]; y++)
            {
                var row = plane.Slice(y * width, width);
                for (var gx = 0; gx < gridWidth; gx++) cellRow[gx] += SpanMath.Sum(row[columns[gx]..columns[gx + 1]]);
            }
            for (var gx = 0; gx < gridWidth; gx++)
            {
                var count = (rows[gy + 1] - rows[gy]) * (columns[gx + 1] - columns[gx]);
                cellRow[gx] = count == 0 ? 0 : cellRow[gx] / count;
            }
        }
        return sums;
    }

    /// <summary>First pixel of each cell, plus the length at the end: start(c) = ⌈c·length/cells⌉.</summary>
    public static int[] Boundaries(int length, int cells)
    {
        var starts = new int[cells + 1];
        for (var c = 0; c <= cells; c++) starts[c] = (int)(((long)c * length + cells - 1) / cells);
        return starts;
    }
}
