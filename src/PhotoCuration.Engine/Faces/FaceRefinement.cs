namespace PhotoCuration.Engine.Faces;

/// <summary>
/// Coarse to fine: a tile shrunk into the model's input (a 512-px tile at half scale) sees small faces
/// with too few pixels to be sure of them, but it does see them: measured, real faces of 24–48 px set
/// into 1024-px landscapes scored ≥ 0.29 in half-scale tiles, while face-free landscapes give few
/// detections ≥ 0.25 (docs/algorithms.md#faces). So a small detection of a shrunk tile is only a
/// candidate; one 256-px window at the image's own scale, centred on it, decides. That keeps the
/// full-scale tiling's reach (faces from 32 px) at the cost of 2 × 2 shrunk tiles plus one look per candidate.
/// </summary>
public static class FaceRefinement
{
    /// <summary>Whether detections of <paramref name="window"/> need a second look: a tile that shrinks the image.</summary>
    public static bool Applies(FaceWindow window) => !window.IsWholeFrame && window.Scale < 1;

    /// <summary>A face small enough (longer box side under <see cref="FaceDetectionOptions.RefineBelow"/> pixels) to be looked at again.</summary>
    public static bool IsSmall(FaceDetection d, FaceDetectionOptions options) => Math.Max(d.Width, d.Height) < options.RefineBelow;

    /// <summary>The full-scale window for a candidate: 256 × 256 image pixels centred on it, moved inside the image.</summary>
    public static FaceWindow Window(FaceDetection candidate, int imageWidth, int imageHeight, int size = BlazeFaceAnchors.InputSize)
    {
        int w = Math.Min(size, imageWidth), h = Math.Min(size, imageHeight);
        var x = Math.Clamp((int)Math.Round(candidate.Center.X - w / 2.0), 0, imageWidth - w);
        var y = Math.Clamp((int)Math.Round(candidate.Center.Y - h / 2.0), 0, imageHeight - h);
        return new FaceWindow(x, y, w, h, IsWholeFrame: false);
    }

    /// <summary>
    /// Whether a full-scale detection is the candidate's face: its centre inside the candidate's box.
    /// Anything else the window happens to hold was not suggested by the coarse pass and is not taken.
    /// </summary>
    public static bool Confirms(FaceDetection fine, FaceDetection candidate)
    {
        var c = fine.Center;
        return c.X >= candidate.Left && c.X <= candidate.Right && c.Y >= candidate.Top && c.Y <= candidate.Bottom;
    }
}
