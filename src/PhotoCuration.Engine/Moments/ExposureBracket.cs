namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Recognises two frames of one scene under different exposures (an exposure bracket, or a blown or
/// dark frame inside a burst) by the rank order of their 8×8 mean-luma grids: an exposure change is a
/// monotone tone curve, which keeps the order of the cells except where it clips them, so the
/// Spearman correlation over the cells that neither frame clips stays high, while the hashes of a blown
/// frame move far from its siblings' (docs/algorithms.md#exposure-brackets).
/// </summary>
public static class ExposureBracket
{
    /// <summary>Frames at most this far apart can be one bracket [heuristic: auto-exposure brackets and bursts run at several frames a second].</summary>
    public const double WindowSeconds = 5;

    /// <summary>Spearman's ρ over the unclipped cells at or above which the layouts agree [heuristic, see docs].</summary>
    public const double MinRho = 0.85;

    /// <summary>Cells whose mean luma is this close to black or white in either frame carry no order and are left out.</summary>
    public const double ClipMargin = 0.03;

    /// <summary>Fewest unclipped cells a correlation is trusted on (a quarter of the 64).</summary>
    public const int MinTiles = 16;

    /// <summary>Spearman's ρ over the cells neither frame clips, or null when the grids are missing, differ in size or share too few cells.</summary>
    public static (double Rho, int Tiles)? Correlate(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count == 0 || a.Count != b.Count) return null;
        var x = new List<double>(a.Count);
        var y = new List<double>(a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            if (Clipped(a[i]) || Clipped(b[i])) continue;
            x.Add(a[i]);
            y.Add(b[i]);
        }
        if (x.Count < MinTiles) return null;
        var rho = RankCorrelation.Spearman(x, y);
        return double.IsNaN(rho) ? null : (Math.Round(rho, 4), x.Count);
    }

    private static bool Clipped(double v) => v <= ClipMargin || v >= 1 - ClipMargin;
}
