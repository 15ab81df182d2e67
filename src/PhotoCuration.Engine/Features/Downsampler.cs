namespace PhotoCuration.Engine.Features;

/// <summary>Area-average (box) downsampling of the luma plane to a small grid, aspect ratio ignored.</summary>
public static class Downsampler
{
    public static float[,] Luma(FeatureImage image, int width, int height)
    {
        var sums = new double[height, width];
        var counts = new int[height, width];
        for (var y = 0; y < image.Height; y++)
        {
            var gy = Math.Min(y * height / image.Height, height - 1);
            for (var x = 0; x < image.Width; x++)
            {
                var gx = Math.Min(x * width / image.Width, width - 1);
                sums[gy, gx] += image.Luma[y * image.Width + x];
                counts[gy, gx]++;
            }
        }
        var result = new float[height, width];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                result[y, x] = (float)(sums[y, x] / Math.Max(1, counts[y, x]));
        return result;
    }
}
