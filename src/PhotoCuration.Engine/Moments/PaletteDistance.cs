namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Colour distance of two photos from their dominant palettes: a share-weighted, symmetric chamfer
/// distance in CIELAB (each colour of one palette to the nearest of the other), in ΔE76 units. Two
/// frames of one scene differ by a few ΔE even across an exposure change of a third of a stop; two
/// scenes usually by 15 or more.
/// </summary>
public static class PaletteDistance
{
    public static double Between(MomentCandidate a, MomentCandidate b)
    {
        if (a.Palette.Count == 0 || b.Palette.Count == 0) return double.NaN;
        return 0.5 * (Directed(a, b) + Directed(b, a));
    }

    private static double Directed(MomentCandidate from, MomentCandidate to)
    {
        double sum = 0, weight = 0;
        for (var i = 0; i < from.Palette.Count; i++)
        {
            var share = i < from.PaletteShares.Count ? from.PaletteShares[i] : 1.0 / from.Palette.Count;
            var nearest = double.MaxValue;
            foreach (var c in to.Palette) nearest = Math.Min(nearest, Features.ColorSpace.DeltaE(from.Palette[i], c));
            sum += share * nearest;
            weight += share;
        }
        return weight > 0 ? sum / weight : double.NaN;
    }
}
