namespace PhotoCuration.Engine.Faces;

/// <summary>
/// One face with its measures on the frame it was found in (see <see cref="FaceMeasures"/>): detail
/// (the frame's measure inside the box) and its ratio to the whole frame's, the sharper eye's detail,
/// mean luma and its exposure against the frame in EV, yaw, share of the frame and eye state.
/// </summary>
public sealed record FaceMeasure(
    FaceDetection Face,
    double Sharpness,
    double SharpnessRatio,
    double EyeSharpness,
    double Luma,
    double ExposureEv,
    double Yaw,
    double Share,
    EyeState EyeState,
    double? EyesClosedProbability)
{
    /// <summary>The contract record, coordinates normalized to the frame (0–1), values rounded for stable JSON.</summary>
    public PhotoFace ToContract(int frameWidth, int frameHeight)
    {
        static double R(double v) => Math.Round(v, 4);
        var points = new double[FaceDetection.KeypointCount * 2];
        for (var k = 0; k < FaceDetection.KeypointCount; k++)
        {
            points[2 * k] = R(Face.Keypoints[k].X / frameWidth);
            points[2 * k + 1] = R(Face.Keypoints[k].Y / frameHeight);
        }
        return new PhotoFace
        {
            X = R(Face.Left / frameWidth),
            Y = R(Face.Top / frameHeight),
            Width = R(Face.Width / frameWidth),
            Height = R(Face.Height / frameHeight),
            Keypoints = points,
            Confidence = R(Face.Score),
            Sharpness = R(Sharpness),
            SharpnessRatio = R(SharpnessRatio),
            EyeSharpness = R(EyeSharpness),
            Luma = R(Luma),
            ExposureEv = R(ExposureEv),
            Yaw = Math.Round(Yaw, 1),
            Share = R(Share),
            EyeState = EyeState.ToString().ToLowerInvariant(),
            EyesClosedProbability = EyesClosedProbability is { } p ? R(p) : null,
        };
    }
}
