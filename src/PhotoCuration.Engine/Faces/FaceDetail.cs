using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// The detail (sharpness) of a region, measured exactly as the frame's own sharpness is: the region is
/// cut out as an image of its own and given to the frame's measure (<see cref="Sharpness"/>: Tenengrad
/// normalized by the region's contrast, log-scaled). This is the one place the face code calls the
/// frame's detail measure, so replacing that measure changes faces and frames together.
/// docs/algorithms.md#faces
/// </summary>
public static class FaceDetail
{
    /// <summary>Regions smaller than this on either side carry no usable gradient statistics: 0.</summary>
    public const int MinSide = 3;

    public static double Measure(FeatureImage image, PixelRegion region)
    {
        if (region.Width < MinSide || region.Height < MinSide) return 0;
        using var crop = Crop(image, region);
        return Of(crop);
    }

    /// <summary>
    /// How much detail <paramref name="part"/> has against <paramref name="whole"/>, as a plain ratio of
    /// the raw detail (the measure is log1p(1000 × Tenengrad); the log is undone so 0.5 means half the
    /// detail).
    /// </summary>
    public static double Ratio(double part, double whole) => whole > 0 ? (Math.Exp(part) - 1) / (Math.Exp(whole) - 1) : 0;

    /// <summary>The frame's detail measure on a whole image.</summary>
    public static double Of(FeatureImage image)
    {
        using var gradients = new Gradients(image);
        var exposure = Exposure.Measure(image);
        return Sharpness.Measure(image, gradients, null, exposure.Contrast).Global;
    }

    public static FeatureImage Crop(FeatureImage image, PixelRegion region)
    {
        var rgb = new byte[region.Width * region.Height * 3];
        var source = image.Rgb;
        for (var y = 0; y < region.Height; y++)
        {
            source.Slice(((region.Y + y) * image.Width + region.X) * 3, region.Width * 3).CopyTo(rgb.AsSpan(y * region.Width * 3));
        }
        return new FeatureImage(region.Width, region.Height, rgb);
    }
}
