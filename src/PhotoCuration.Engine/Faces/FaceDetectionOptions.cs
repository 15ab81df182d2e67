namespace PhotoCuration.Engine.Faces;

/// <summary>How the detector runs on one image. docs/algorithms.md#faces</summary>
public sealed record FaceDetectionOptions
{
    /// <summary>Minimum sigmoid score of a detection on the whole frame.</summary>
    public double MinScore { get; init; } = 0.5;
    /// <summary>
    /// Minimum score on a tile: MediaPipe's own threshold for this model (min_score_thresh 0.65 in
    /// face_detection_back_desktop_live.pbtxt). A 1024-px frame is looked at through 49 tiles, so a
    /// texture gets 49 chances to pass; the stricter threshold keeps the per-photo false-alarm rate
    /// near the whole frame's.
    /// </summary>
    public double TileMinScore { get; init; } = 0.65;
    /// <summary>Run the tiles as well as the whole frame.</summary>
    public bool Tiles { get; init; } = true;
    /// <summary>
    /// Tile side in image pixels, tiles half overlapping. 256 (default) looks at a 1024-px frame at its
    /// own scale through 7 × 7 tiles and finds faces from 32 px; 512 looks at half scale through 3 × 3
    /// tiles, about a quarter of the cost, and finds faces from about 40 px (the model finds faces down
    /// to about 12 px of its input). Measured in docs/algorithms.md#faces.
    /// </summary>
    public int TileSize { get; init; } = FaceTiling.TileSize;
    /// <summary>Tile detections reaching this many pixels past an inner tile edge are dropped (a cut view).</summary>
    public double EdgeMargin { get; init; } = 4;
    /// <summary>Confirm each window's detections on the mirrored window (one more inference per window with a candidate).</summary>
    public bool MirrorCheck { get; init; } = true;

    public static FaceDetectionOptions Default { get; } = new();
}
