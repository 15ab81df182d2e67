namespace PhotoCuration;

/// <summary>
/// One face found in a photo by the face stage (MediaPipe BlazeFace): where it is, how sure the
/// detector is, and how sharp, bright, turned and large it is. Coordinates are fractions (0–1) of the
/// standardized frame's width and height, so they hold at any size of the photo.
/// </summary>
public sealed class PhotoFace
{
    /// <summary>Left edge of the face box (fraction of the frame width).</summary>
    public double X { get; set; }
    /// <summary>Top edge of the face box (fraction of the frame height).</summary>
    public double Y { get; set; }
    /// <summary>Box width (fraction of the frame width).</summary>
    public double Width { get; set; }
    /// <summary>Box height (fraction of the frame height).</summary>
    public double Height { get; set; }
    /// <summary>Six keypoints as x, y pairs (fractions of the frame): right eye, left eye, nose tip, mouth centre, right ear, left ear (the person's own right and left).</summary>
    public double[] Keypoints { get; set; } = System.Array.Empty<double>();
    /// <summary>Detector confidence, 0–1.</summary>
    public double Confidence { get; set; }
    /// <summary>Detail inside the face box, on the frame sharpness scale.</summary>
    public double Sharpness { get; set; }
    /// <summary>Face detail over the whole frame's detail (below 1: the face is softer than the frame).</summary>
    public double SharpnessRatio { get; set; }
    /// <summary>Detail of the sharper eye region.</summary>
    public double EyeSharpness { get; set; }
    /// <summary>Mean luma of the face, 0–1.</summary>
    public double Luma { get; set; }
    /// <summary>Face exposure against the frame in EV (log2 of mean linear luminance, face over frame).</summary>
    public double ExposureEv { get; set; }
    /// <summary>Head yaw estimate in degrees: 0 frontal, positive when the face turns towards the image's right.</summary>
    public double Yaw { get; set; }
    /// <summary>Share of the frame's area the face box covers, 0–1.</summary>
    public double Share { get; set; }
    /// <summary>open, closed or unknown (no eye model installed, or eyes too small to tell).</summary>
    public string EyeState { get; set; } = "unknown";
    /// <summary>Mean probability the eyes are closed, from the eye model; null without it.</summary>
    public double? EyesClosedProbability { get; set; }
}
