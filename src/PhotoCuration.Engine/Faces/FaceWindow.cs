namespace PhotoCuration.Engine.Faces;

/// <summary>
/// A rectangle of the image (pixels) that is letterboxed into the model's square input: scaled by
/// <see cref="Scale"/> so its longer side fills <see cref="Size"/> pixels, centred, the rest padded
/// (MediaPipe's ImageTransformationCalculator, scale_mode FIT, and DetectionLetterboxRemovalCalculator
/// for the way back). docs/algorithms.md#faces
/// </summary>
public sealed record FaceWindow(int X, int Y, int Width, int Height, bool IsWholeFrame, int Size = BlazeFaceAnchors.InputSize)
{
    /// <summary>Input pixels per image pixel.</summary>
    public double Scale => (double)Size / Math.Max(Width, Height);
    public int ContentWidth => Math.Clamp((int)Math.Round(Width * Scale), 1, Size);
    public int ContentHeight => Math.Clamp((int)Math.Round(Height * Scale), 1, Size);
    public int PadX => (Size - ContentWidth) / 2;
    public int PadY => (Size - ContentHeight) / 2;

    /// <summary>A point in normalized model-input coordinates (0–1) mapped to image pixels.</summary>
    public FacePoint ToImage(FacePoint normalized) =>
        new(X + (normalized.X * Size - PadX) * Width / ContentWidth, Y + (normalized.Y * Size - PadY) * Height / ContentHeight);

    /// <summary>An image point mapped to normalized model-input coordinates (the inverse of <see cref="ToImage"/>).</summary>
    public FacePoint ToInput(FacePoint image) =>
        new(((image.X - X) * ContentWidth / Width + PadX) / Size, ((image.Y - Y) * ContentHeight / Height + PadY) / Size);
}
