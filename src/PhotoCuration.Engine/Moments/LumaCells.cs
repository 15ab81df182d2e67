using System.Collections;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// An 8×8 luma grid held as ten-thousandths in 16 bits (docs/architecture.md#archive-scale: 152 bytes
/// instead of 536 per photo when a large batch is grouped on compact records). Features write the grid
/// rounded to 4 decimals, and k / 10000.0 is the double nearest k/10000, as parsing "0.kkkk" is, so the
/// values read back are the same doubles; a grid with any value that does not come back bit for bit
/// stays as it is (<see cref="Of"/>).
/// </summary>
public sealed class LumaCells : IReadOnlyList<double>
{
    private const double Scale = 10000;
    private readonly ushort[] _cells;

    private LumaCells(ushort[] cells) => _cells = cells;

    /// <summary>The grid in 16 bits per cell when every value comes back as the same double, else the grid itself.</summary>
    public static IReadOnlyList<double> Of(double[] grid)
    {
        var cells = new ushort[grid.Length];
        for (var i = 0; i < grid.Length; i++)
        {
            var v = grid[i];
            if (!(v >= 0 && v <= ushort.MaxValue / Scale)) return grid;
            var k = Math.Round(v * Scale);
            if (k / Scale != v) return grid;
            cells[i] = (ushort)k;
        }
        return new LumaCells(cells);
    }

    public double this[int index] => _cells[index] / Scale;

    public int Count => _cells.Length;

    public IEnumerator<double> GetEnumerator()
    {
        for (var i = 0; i < _cells.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
