namespace PhotoCuration.Engine.Faces;

/// <summary>
/// The model's four raw outputs for one input, as the graph names them: score logits of the 16×16 grid
/// (Identity:0, [1,512,1]) and of the 8×8 grid (Identity_1:0, [1,384,1]), and their box and keypoint
/// offsets (Identity_2:0, [1,512,16]; Identity_3:0, [1,384,16]).
/// </summary>
public sealed record BlazeFaceOutputs(float[] FineScores, float[] CoarseScores, float[] FineBoxes, float[] CoarseBoxes)
{
    public List<FaceDetection> Decode(double minScore) => BlazeFaceDecoder.Decode(FineScores, CoarseScores, FineBoxes, CoarseBoxes, minScore);
}
