namespace PhotoCuration.Engine.Imaging;

/// <summary>
/// The JPEG shrink-on-load factor: libjpeg-turbo can decode at 1/2, 1/4 or 1/8 scale in the DCT
/// domain, skipping most of the inverse DCT and upsampling work. The largest factor is chosen whose
/// reduced image still has at least the target long edge, so the final resize only ever reduces
/// (docs/algorithms.md#shrink-on-load).
/// </summary>
public static class ShrinkOnLoad
{
    private static readonly int[] Factors = { 8, 4, 2 };

    /// <summary>1, 2, 4 or 8 for an image of this size that must become at most <paramref name="targetLongEdge"/>.</summary>
    public static int JpegFactor(int width, int height, int targetLongEdge)
    {
        if (width <= 0 || height <= 0 || targetLongEdge <= 0) return 1;
        var longEdge = Math.Max(width, height);
        foreach (var factor in Factors)
        {
            if (ScaledEdge(longEdge, factor) >= targetLongEdge) return factor;
        }
        return 1;
    }

    /// <summary>The edge libjpeg produces at 1/<paramref name="factor"/> scale: it rounds up.</summary>
    public static int ScaledEdge(int edge, int factor) => (edge + factor - 1) / factor;
}
