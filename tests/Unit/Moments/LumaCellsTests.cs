using Xunit;
using PhotoCuration.Engine.Moments;

namespace PhotoCuration.Tests.Moments;

/// <summary>A luma grid held in 16 bits a cell gives back the very doubles it was made from, or is kept as it is.</summary>
public class LumaCellsTests
{
    [Fact]
    public void Four_decimal_values_come_back_bit_for_bit()
    {
        var random = new Random(3);
        for (var run = 0; run < 2000; run++)
        {
            var grid = Enumerable.Range(0, 64).Select(_ => Math.Round(random.NextDouble(), 4)).ToArray();
            // As a stage document writes and reads them: through their shortest text.
            grid = grid.Select(v => double.Parse(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var cells = LumaCells.Of(grid);
            Assert.IsType<LumaCells>(cells);
            Assert.Equal(grid.Length, cells.Count);
            for (var i = 0; i < grid.Length; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(grid[i]), BitConverter.DoubleToInt64Bits(cells[i]));
            Assert.Equal(grid, cells.ToArray());
        }
    }

    [Fact]
    public void A_grid_with_a_finer_or_out_of_range_value_stays_as_it_is()
    {
        var finer = Enumerable.Repeat(0.25, 64).ToArray();
        finer[9] = 0.123456;
        Assert.Same(finer, LumaCells.Of(finer));
        var negative = Enumerable.Repeat(0.5, 64).ToArray();
        negative[0] = -0.1;
        Assert.Same(negative, LumaCells.Of(negative));
        var empty = Array.Empty<double>();
        Assert.Empty(LumaCells.Of(empty));
    }
}
