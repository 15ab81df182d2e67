namespace PhotoCuration.Engine.Faces;

/// <summary>
/// BlazeFace's six keypoints, in the model's output order and named as MediaPipe names them
/// (<c>mediapipe/python/solutions/face_detection.py</c>, FaceKeyPoint): "right" and "left" are the
/// person's own, so on a frontal face the right eye is on the image's left. docs/algorithms.md#faces
/// </summary>
public enum FaceKeypoint
{
    RightEye = 0,
    LeftEye = 1,
    NoseTip = 2,
    MouthCenter = 3,
    RightEarTragion = 4,
    LeftEarTragion = 5,
}
