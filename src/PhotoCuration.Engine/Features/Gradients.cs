namespace PhotoCuration.Engine.Features;

/// <summary>
/// 3×3 Sobel gradients of the luma plane with replicate borders (MATLAB fspecial('sobel'), as in
/// Pertuz's fmeasure.m), computed once and shared by sharpness, copy space and horizon tilt.
/// </summary>
public sealed class Gradients
{
    public Gradients(FeatureImage image)
    {
        Width = image.Width;
        Height = image.Height;
        Gx = new float[Width * Height];
        Gy = new float[Width * Height];
        var l = image.Luma;
        for (var y = 0; y < Height; y++)
        {
            var ym = Math.Max(y - 1, 0) * Width;
            var y0 = y * Width;
            var yp = Math.Min(y + 1, Height - 1) * Width;
            for (var x = 0; x < Width; x++)
            {
                var xm = Math.Max(x - 1, 0);
                var xp = Math.Min(x + 1, Width - 1);
                var gx = (l[ym + xp] + 2 * l[y0 + xp] + l[yp + xp]) - (l[ym + xm] + 2 * l[y0 + xm] + l[yp + xm]);
                var gy = (l[yp + xm] + 2 * l[yp + x] + l[yp + xp]) - (l[ym + xm] + 2 * l[ym + x] + l[ym + xp]);
                Gx[y0 + x] = gx;
                Gy[y0 + x] = gy;
            }
        }
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Gx { get; }
    public float[] Gy { get; }

    /// <summary>Gx² + Gy² at one pixel (the Tenengrad summand).</summary>
    public float Energy(int i) => Gx[i] * Gx[i] + Gy[i] * Gy[i];
}
