using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// The per-face measures of one frame. Detail goes through <see cref="FaceDetail"/> (the frame's own
/// measure); exposure compares the face's mean linear luminance with the frame's, in EV (log2), so a
/// face darkened by 1.5 EV reads about −1.5 whatever the tone curve; eye patches are squares of
/// <see cref="EyePatchFraction"/> of the face width centred on the eye keypoints.
/// docs/algorithms.md#faces
/// </summary>
public static class FaceMeasures
{
    /// <summary>
    /// Eye patch side as a share of the face box width. BlazeFace's eyes are about 0.4 box widths
    /// apart (measured on the LFW subset and the portraits), so 0.3 holds one eye with its lids and
    /// brow and not the other eye.
    /// </summary>
    public const double EyePatchFraction = 0.3;
    /// <summary>Eye patches under this many pixels are too small to call open or closed: unknown.</summary>
    public const int MinEyePatch = 8;
    /// <summary>Floor of the luminance ratio, so a black frame or face gives a finite EV.</summary>
    public const double MinLuminance = 1e-4;

    private static readonly float[] SrgbToLinear = Enumerable.Range(0, 256).Select(v =>
    {
        var c = v / 255.0;
        return (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
    }).ToArray();

    public static IReadOnlyList<FaceMeasure> Measure(FeatureImage image, IReadOnlyList<FaceDetection> faces, EyeStateClassifier? eyes = null)
    {
        if (faces.Count == 0) return Array.Empty<FaceMeasure>();
        var whole = new PixelRegion(0, 0, image.Width, image.Height);
        var frameDetail = FaceDetail.Measure(image, whole);
        var frameLuminance = LinearLuminance(image, whole);
        return faces.Select(f => Measure(image, f, frameDetail, frameLuminance, eyes)).ToList();
    }

    public static FaceMeasure Measure(FeatureImage image, FaceDetection face, double frameDetail, double frameLuminance, EyeStateClassifier? eyes)
    {
        var box = PixelRegion.Clamp(face.Left, face.Top, face.Right, face.Bottom, image.Width, image.Height);
        var detail = FaceDetail.Measure(image, box);
        var side = EyePatchFraction * face.Width;
        var rightEye = PixelRegion.Square(face[FaceKeypoint.RightEye], side, image.Width, image.Height);
        var leftEye = PixelRegion.Square(face[FaceKeypoint.LeftEye], side, image.Width, image.Height);
        // The sharper eye: with a shallow depth of field one eye in focus is a focused portrait.
        var eyeDetail = Math.Max(FaceDetail.Measure(image, rightEye), FaceDetail.Measure(image, leftEye));
        var luminance = LinearLuminance(image, box);
        var (state, closed) = Eyes(image, rightEye, leftEye, side, eyes);
        return new FaceMeasure(
            face,
            detail,
            FaceDetail.Ratio(detail, frameDetail),
            eyeDetail,
            MeanLuma(image, box),
            Math.Log2(Math.Max(MinLuminance, luminance) / Math.Max(MinLuminance, frameLuminance)),
            FaceYaw.Estimate(face),
            (double)box.Area / image.PixelCount,
            state,
            closed);
    }

    /// <summary>
    /// Open or closed from the mean closed-probability of the two eyes (a blink closes both; one eye
    /// the model misreads should not decide alone); unknown with no model or eyes too small.
    /// </summary>
    public static (EyeState State, double? Closed) Eyes(FeatureImage image, PixelRegion right, PixelRegion left, double side, EyeStateClassifier? eyes)
    {
        if (eyes is null || side < MinEyePatch) return (EyeState.Unknown, null);
        var closed = (eyes.ClosedProbability(image, right) + eyes.ClosedProbability(image, left)) / 2;
        return (closed >= 0.5 ? EyeState.Closed : EyeState.Open, closed);
    }

    public static double MeanLuma(FeatureImage image, PixelRegion region)
    {
        var luma = image.Luma;
        double sum = 0;
        for (var y = region.Y; y < region.Y + region.Height; y++)
            for (var x = region.X; x < region.X + region.Width; x++) sum += luma[y * image.Width + x];
        return sum / region.Area;
    }

    /// <summary>Mean relative luminance (BT.709 weights on linearized sRGB) of the region.</summary>
    public static double LinearLuminance(FeatureImage image, PixelRegion region)
    {
        var rgb = image.Rgb;
        double sum = 0;
        for (var y = region.Y; y < region.Y + region.Height; y++)
        {
            var i = (y * image.Width + region.X) * 3;
            for (var x = 0; x < region.Width; x++, i += 3)
            {
                sum += FeatureImage.WeightR * SrgbToLinear[rgb[i]] + FeatureImage.WeightG * SrgbToLinear[rgb[i + 1]] + FeatureImage.WeightB * SrgbToLinear[rgb[i + 2]];
            }
        }
        return sum / region.Area;
    }
}
