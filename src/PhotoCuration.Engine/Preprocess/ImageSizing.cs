namespace PhotoCuration.Engine.Preprocess;

/// <summary>Target sizes for a long-edge limit, keeping the aspect ratio and never upscaling.</summary>
public static class ImageSizing
{
    public static (int Width, int Height) FitLongEdge(int width, int height, int longEdge)
    {
        var longest = Math.Max(width, height);
        if (longest <= longEdge) return (width, height);
        var scale = (double)longEdge / longest;
        return width >= height
            ? (longEdge, Math.Max(1, (int)Math.Round(height * scale, MidpointRounding.AwayFromZero)))
            : (Math.Max(1, (int)Math.Round(width * scale, MidpointRounding.AwayFromZero)), longEdge);
    }
}
