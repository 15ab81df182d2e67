namespace PhotoCuration.Engine.Faces;

/// <summary>A whole-pixel rectangle inside an image (never empty once clamped).</summary>
public readonly record struct PixelRegion(int X, int Y, int Width, int Height)
{
    public int Area => Width * Height;

    /// <summary>The pixels covered by [left, right) × [top, bottom), clamped to the image; at least 1×1.</summary>
    public static PixelRegion Clamp(double left, double top, double right, double bottom, int imageWidth, int imageHeight)
    {
        var x0 = Math.Clamp((int)Math.Floor(left), 0, imageWidth - 1);
        var y0 = Math.Clamp((int)Math.Floor(top), 0, imageHeight - 1);
        var x1 = Math.Clamp((int)Math.Ceiling(right), x0 + 1, imageWidth);
        var y1 = Math.Clamp((int)Math.Ceiling(bottom), y0 + 1, imageHeight);
        return new PixelRegion(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>A square of side <paramref name="side"/> centred on <paramref name="centre"/>, clamped to the image.</summary>
    public static PixelRegion Square(FacePoint centre, double side, int imageWidth, int imageHeight) =>
        Clamp(centre.X - side / 2, centre.Y - side / 2, centre.X + side / 2, centre.Y + side / 2, imageWidth, imageHeight);
}
