namespace PhotoCuration.Engine.Faces;

/// <summary>
/// One detected face: its box (left, top, right, bottom), the six keypoints in
/// <see cref="FaceKeypoint"/> order and the detector's confidence (sigmoid of the logit, 0–1), all in
/// the pixel coordinates of the image the detector was given (or normalized 0–1 coordinates of the
/// model input while decoding).
/// </summary>
public sealed record FaceDetection(double Left, double Top, double Right, double Bottom, IReadOnlyList<FacePoint> Keypoints, double Score)
{
    public const int KeypointCount = 6;

    public double Width => Right - Left;
    public double Height => Bottom - Top;
    public double Area => Math.Max(0, Width) * Math.Max(0, Height);
    public FacePoint Center => new((Left + Right) / 2, (Top + Bottom) / 2);

    public FacePoint this[FaceKeypoint keypoint] => Keypoints[(int)keypoint];

    /// <summary>Intersection over union of the two boxes (0 when either is empty).</summary>
    public double IntersectionOverUnion(FaceDetection other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(Left, other.Left);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        if (w <= 0 || h <= 0) return 0;
        var inner = w * h;
        var union = Area + other.Area - inner;
        return union <= 0 ? 0 : inner / union;
    }

    /// <summary>The same detection with every coordinate mapped through <paramref name="map"/> (boxes stay axis-aligned).</summary>
    public FaceDetection Map(Func<FacePoint, FacePoint> map)
    {
        var topLeft = map(new FacePoint(Left, Top));
        var bottomRight = map(new FacePoint(Right, Bottom));
        return new FaceDetection(topLeft.X, topLeft.Y, bottomRight.X, bottomRight.Y, Keypoints.Select(map).ToArray(), Score);
    }
}
