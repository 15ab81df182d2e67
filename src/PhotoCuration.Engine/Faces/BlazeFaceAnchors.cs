namespace PhotoCuration.Engine.Faces;

/// <summary>
/// The 896 anchor centres of the BlazeFace back model, as MediaPipe's SsdAnchorsCalculator makes them
/// for face_detection_back (num_layers 4, strides 16, 32, 32, 32, input 256, anchor offset 0.5,
/// aspect ratio 1 plus the interpolated one, fixed anchor size): a 16×16 grid with 2 anchors per cell
/// (512), then an 8×8 grid where the three stride-32 layers merge into 6 anchors per cell (384). Cells
/// run row by row (y, then x) and a cell's anchors are consecutive, matching the model's output rows.
/// With a fixed anchor size every anchor is 1×1, so only the centres matter. docs/algorithms.md#faces
/// </summary>
public static class BlazeFaceAnchors
{
    public const int InputSize = 256;
    public const int FineCells = 16, FinePerCell = 2;
    public const int CoarseCells = 8, CoarsePerCell = 6;
    public const int FineCount = FineCells * FineCells * FinePerCell;
    public const int CoarseCount = CoarseCells * CoarseCells * CoarsePerCell;
    public const int Count = FineCount + CoarseCount;

    /// <summary>Anchor centres in normalized input coordinates (0–1), fine grid first.</summary>
    public static IReadOnlyList<FacePoint> Centers { get; } = Build();

    private static FacePoint[] Build()
    {
        var anchors = new List<FacePoint>(Count);
        AddGrid(anchors, FineCells, FinePerCell);
        AddGrid(anchors, CoarseCells, CoarsePerCell);
        return anchors.ToArray();
    }

    private static void AddGrid(List<FacePoint> anchors, int cells, int perCell)
    {
        for (var y = 0; y < cells; y++)
            for (var x = 0; x < cells; x++)
                for (var a = 0; a < perCell; a++)
                    anchors.Add(new FacePoint((x + 0.5) / cells, (y + 0.5) / cells));
    }
}
