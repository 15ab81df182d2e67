namespace PhotoCuration.Engine.Faces;

/// <summary>
/// BlazeFace's tie resolution (Bazarevsky et al. 2019, §"Tie resolution"; MediaPipe's
/// NonMaxSuppressionCalculator, algorithm WEIGHTED, overlap INTERSECTION_OVER_UNION, threshold 0.3):
/// take the best remaining detection, gather every remaining detection whose IoU with it is above the
/// threshold (itself included), and replace them by their score-weighted mean box and keypoints,
/// keeping the best score. Averaging instead of discarding steadies the box, and with tiles it joins
/// the views of one face from overlapping windows. docs/algorithms.md#faces
/// </summary>
public static class WeightedNonMaxSuppression
{
    public const double IouThreshold = 0.3;

    public static List<FaceDetection> Apply(IEnumerable<FaceDetection> detections, double iouThreshold = IouThreshold)
    {
        // Stable order for equal scores (position), so the result does not depend on input order.
        var remaining = detections.OrderByDescending(d => d.Score).ThenBy(d => d.Top).ThenBy(d => d.Left).ToList();
        var merged = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var group = new List<FaceDetection>();
            var rest = new List<FaceDetection>();
            foreach (var d in remaining) (best.IntersectionOverUnion(d) > iouThreshold || ReferenceEquals(d, best) ? group : rest).Add(d);
            merged.Add(WeightedMean(group, best.Score));
            remaining = rest;
        }
        return merged;
    }

    private static FaceDetection WeightedMean(List<FaceDetection> group, double score)
    {
        double total = 0, left = 0, top = 0, right = 0, bottom = 0;
        var kx = new double[FaceDetection.KeypointCount];
        var ky = new double[FaceDetection.KeypointCount];
        foreach (var d in group)
        {
            var w = d.Score;
            total += w;
            left += d.Left * w;
            top += d.Top * w;
            right += d.Right * w;
            bottom += d.Bottom * w;
            for (var k = 0; k < kx.Length; k++)
            {
                kx[k] += d.Keypoints[k].X * w;
                ky[k] += d.Keypoints[k].Y * w;
            }
        }
        var keypoints = new FacePoint[kx.Length];
        for (var k = 0; k < kx.Length; k++) keypoints[k] = new FacePoint(kx[k] / total, ky[k] / total);
        return new FaceDetection(left / total, top / total, right / total, bottom / total, keypoints, score);
    }
}
