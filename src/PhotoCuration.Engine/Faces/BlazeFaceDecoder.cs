namespace PhotoCuration.Engine.Faces;

/// <summary>
/// Turns the model's raw outputs into detections, as MediaPipe's TensorsToDetectionsCalculator does
/// with the back model's options (num_coords 16, box offset 0, keypoint offset 4, 6 keypoints of 2
/// values, reverse_output_order: x before y, scales 256, sigmoid scores clipped at ±100): per anchor,
/// centre = anchor + (dx, dy)/256, size = (w, h)/256, keypoint = anchor + (kx, ky)/256, score =
/// sigmoid(logit). Coordinates come out normalized to the model input (0–1). docs/algorithms.md#faces
/// </summary>
public static class BlazeFaceDecoder
{
    public const int ValuesPerAnchor = 16;
    public const double Scale = BlazeFaceAnchors.InputSize;
    /// <summary>MediaPipe's score_clipping_thresh for the face detectors.</summary>
    public const double ScoreClip = 100;

    public static double Sigmoid(double logit)
    {
        var x = Math.Clamp(logit, -ScoreClip, ScoreClip);
        return 1 / (1 + Math.Exp(-x));
    }

    /// <summary>
    /// Detections scoring at least <paramref name="minScore"/>, from the two score tensors (512 and 384
    /// logits) and the two box tensors (512 × 16 and 384 × 16 values), in anchor order.
    /// </summary>
    public static List<FaceDetection> Decode(ReadOnlySpan<float> fineScores, ReadOnlySpan<float> coarseScores,
        ReadOnlySpan<float> fineBoxes, ReadOnlySpan<float> coarseBoxes, double minScore)
    {
        if (fineScores.Length != BlazeFaceAnchors.FineCount || coarseScores.Length != BlazeFaceAnchors.CoarseCount)
            throw new ArgumentException($"Expected {BlazeFaceAnchors.FineCount} and {BlazeFaceAnchors.CoarseCount} scores, got {fineScores.Length} and {coarseScores.Length}.");
        if (fineBoxes.Length != fineScores.Length * ValuesPerAnchor || coarseBoxes.Length != coarseScores.Length * ValuesPerAnchor)
            throw new ArgumentException($"Expected {ValuesPerAnchor} box values per anchor.");
        var detections = new List<FaceDetection>();
        DecodeBlock(fineScores, fineBoxes, 0, minScore, detections);
        DecodeBlock(coarseScores, coarseBoxes, BlazeFaceAnchors.FineCount, minScore, detections);
        return detections;
    }

    private static void DecodeBlock(ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, int firstAnchor, double minScore, List<FaceDetection> into)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            var score = Sigmoid(scores[i]);
            if (score < minScore) continue;
            into.Add(DecodeOne(boxes.Slice(i * ValuesPerAnchor, ValuesPerAnchor), BlazeFaceAnchors.Centers[firstAnchor + i], score));
        }
    }

    /// <summary>One anchor's 16 values: dx, dy, w, h, then (kx, ky) for each keypoint.</summary>
    public static FaceDetection DecodeOne(ReadOnlySpan<float> values, FacePoint anchor, double score)
    {
        var cx = anchor.X + values[0] / Scale;
        var cy = anchor.Y + values[1] / Scale;
        var w = values[2] / Scale;
        var h = values[3] / Scale;
        var keypoints = new FacePoint[FaceDetection.KeypointCount];
        for (var k = 0; k < keypoints.Length; k++)
        {
            keypoints[k] = new FacePoint(anchor.X + values[4 + 2 * k] / Scale, anchor.Y + values[5 + 2 * k] / Scale);
        }
        return new FaceDetection(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, keypoints, score);
    }
}
