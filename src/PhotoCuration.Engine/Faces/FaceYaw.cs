namespace PhotoCuration.Engine.Faces;

/// <summary>
/// Head yaw from BlazeFace's keypoints, in degrees: 0 frontal, positive when the nose points to the
/// image's right (the person turns to their own left), ±90 in profile. The head is taken as a cylinder
/// seen from the front: the ear tragions sit on its sides and the nose tip on its front, so after
/// undoing the roll (the eye line made horizontal) the nose's offset from the ears' midpoint over half
/// the ear-to-ear span is tan(yaw). An estimate for "frontal or turned away", not a pose measurement.
/// docs/algorithms.md#faces
/// </summary>
public static class FaceYaw
{
    public static double Estimate(FaceDetection face)
    {
        var re = face[FaceKeypoint.RightEye];
        var le = face[FaceKeypoint.LeftEye];
        var roll = Math.Atan2(le.Y - re.Y, le.X - re.X);
        var origin = new FacePoint((re.X + le.X) / 2, (re.Y + le.Y) / 2);
        double Along(FacePoint p) => (p.X - origin.X) * Math.Cos(roll) + (p.Y - origin.Y) * Math.Sin(roll);
        var rightEar = Along(face[FaceKeypoint.RightEarTragion]);
        var leftEar = Along(face[FaceKeypoint.LeftEarTragion]);
        var halfSpan = Math.Abs(leftEar - rightEar) / 2;
        var offset = Along(face[FaceKeypoint.NoseTip]) - (rightEar + leftEar) / 2;
        if (halfSpan <= 1e-9) return offset == 0 ? 0 : 90 * Math.Sign(offset);
        return Math.Atan2(offset, halfSpan) * 180 / Math.PI;
    }
}
