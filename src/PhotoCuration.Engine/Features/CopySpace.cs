namespace PhotoCuration.Engine.Features;

/// <summary>Room for a headline: the largest quiet rectangle and the text colour that reads on it.</summary>
public sealed record CopySpaceResult(double Score, double X, double Y, double Width, double Height, string TextColor, double TextContrast);

/// <summary>
/// Copy space (docs/algorithms.md#copy-space) [heuristic]: on a 32×32 grid a cell is quiet when its mean Sobel
/// magnitude is below both the image's 30th percentile of cells and an absolute 0.08 (so a busy
/// image does not get "quiet" cells by ranking alone), and its mean saliency is below 0.2. The largest
/// all-quiet axis-aligned rectangle comes from the row histogram + monotonic stack algorithm. Score =
/// min(1, area / 0.25 of the frame) × aspect suitability (wide boxes suit headlines) × (1 − luma std
/// inside / 0.25). Text colour: black or white, whichever has the higher WCAG 2.x contrast ratio
/// against the rectangle's mean colour.
/// </summary>
public static class CopySpace
{
    public const int Grid = 32;
    private const double QuietPercentile = 0.30;
    private const double QuietAbsoluteMagnitude = 0.08;
    private const double QuietSaliency = 0.2;
    private const double FullAreaFraction = 0.25;

    public static CopySpaceResult Measure(FeatureImage image, Gradients gradients, float[,] saliency)
    {
        int w = image.Width, h = image.Height;
        var means = Downsampler.CellMeans(gradients.Magnitude, w, h, Grid, Grid);
        var magnitude = new double[Grid, Grid];
        var cells = new List<double>(Grid * Grid);
        for (var y = 0; y < Grid; y++)
            for (var x = 0; x < Grid; x++)
            {
                magnitude[y, x] = means[y * Grid + x];
                cells.Add(magnitude[y, x]);
            }
        cells.Sort();
        var threshold = Math.Min(cells[(int)(QuietPercentile * (cells.Count - 1))], QuietAbsoluteMagnitude);
        int sh = saliency.GetLength(0), sw = saliency.GetLength(1);
        var quiet = new bool[Grid, Grid];
        for (var y = 0; y < Grid; y++)
            for (var x = 0; x < Grid; x++)
            {
                var s = saliency[Math.Min(sh - 1, (int)((y + 0.5) * sh / Grid)), Math.Min(sw - 1, (int)((x + 0.5) * sw / Grid))];
                quiet[y, x] = magnitude[y, x] <= threshold && s < QuietSaliency;
            }
        var (rx, ry, rw, rh) = LargestRectangle(quiet);
        if (rw == 0) return new CopySpaceResult(0, 0, 0, 0, 0, "black", 1);

        // Pixel statistics inside the rectangle: luma spread and mean colour.
        int x0 = rx * w / Grid, x1 = (rx + rw) * w / Grid, y0 = ry * h / Grid, y1 = (ry + rh) * h / Grid;
        double sum = 0, sumSq = 0;
        long r = 0, g = 0, b = 0;
        var luma = image.Luma;
        var rgb = image.Rgb;
        for (var y = y0; y < y1; y++)
        {
            var (s, q) = SpanMath.SumAndSquares(luma.Slice(y * w + x0, x1 - x0));
            sum += s;
            sumSq += q;
            for (int j = (y * w + x0) * 3, end = (y * w + x1) * 3; j < end; j += 3)
            {
                r += rgb[j]; g += rgb[j + 1]; b += rgb[j + 2];
            }
        }
        long n = (long)(x1 - x0) * (y1 - y0);
        if (n == 0) return new CopySpaceResult(0, 0, 0, 0, 0, "black", 1); // cells narrower than a pixel (images under 32 px)
        var mean = sum / n;
        var std = Math.Sqrt(Math.Max(0, sumSq / n - mean * mean));
        var area = rw * rh / (double)(Grid * Grid);
        var aspect = (double)(x1 - x0) / Math.Max(1, y1 - y0);
        var aspectSuitability = aspect < 1.5 ? aspect / 1.5 : aspect > 8 ? 8 / aspect : 1;
        var score = Math.Min(1, area / FullAreaFraction) * aspectSuitability * Math.Max(0, 1 - std / 0.25);

        var background = ColorSpace.RelativeLuminance(r / (double)n, g / (double)n, b / (double)n);
        var onWhite = ColorSpace.ContrastRatio(1, background);
        var onBlack = ColorSpace.ContrastRatio(0, background);
        var (colour, contrast) = onBlack >= onWhite ? ("black", onBlack) : ("white", onWhite);
        return new CopySpaceResult(Math.Round(score, 4), rx / (double)Grid, ry / (double)Grid, rw / (double)Grid, rh / (double)Grid, colour, Math.Round(contrast, 2));
    }

    /// <summary>Largest all-true rectangle: per row, a histogram of consecutive trues above, then the largest rectangle under it with a monotonic stack. O(G²).</summary>
    public static (int X, int Y, int Width, int Height) LargestRectangle(bool[,] cells)
    {
        int rows = cells.GetLength(0), cols = cells.GetLength(1);
        var heights = new int[cols + 1];
        var best = (X: 0, Y: 0, Width: 0, Height: 0);
        var bestArea = 0;
        var stack = new Stack<int>();
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < cols; x++) heights[x] = cells[y, x] ? heights[x] + 1 : 0;
            heights[cols] = 0;
            stack.Clear();
            for (var x = 0; x <= cols; x++)
            {
                while (stack.Count > 0 && heights[stack.Peek()] >= heights[x])
                {
                    var height = heights[stack.Pop()];
                    var left = stack.Count == 0 ? 0 : stack.Peek() + 1;
                    var width = x - left;
                    if (height * width > bestArea)
                    {
                        bestArea = height * width;
                        best = (left, y - height + 1, width, height);
                    }
                }
                stack.Push(x);
            }
        }
        return best;
    }
}
