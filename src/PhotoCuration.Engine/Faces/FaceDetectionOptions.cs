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
    /// Tile side in image pixels. 576 (default) with 128 px of overlap covers a 1024-px frame (3:2, 4:3 or
    /// square) with 2 × 2 tiles at 0.44 scale, small faces looked at again at full scale
    /// (<see cref="Refine"/>); 256 with half overlap looks at the whole frame at its own scale through
    /// 7 × 5 … 7 × 7 tiles, about four times the cost. Measured in docs/algorithms.md#faces.
    /// </summary>
    public int TileSize { get; init; } = 576;
    /// <summary>
    /// Pixels neighbouring tiles share; null: half a tile. 128: every face up to 128 px lies wholly
    /// inside one tile, and the whole frame finds faces from about 48 px.
    /// </summary>
    public int? TileOverlap { get; init; } = 128;
    /// <summary>Look again at full scale at the small faces a shrunk tile finds (<see cref="FaceRefinement"/>).</summary>
    public bool Refine { get; init; } = true;
    /// <summary>A shrunk tile's detection this much or more is a candidate for the full-scale look.</summary>
    public double CandidateMinScore { get; init; } = 0.25;
    /// <summary>Faces whose longer box side is under this many image pixels are small: a shrunk tile only suggests them.</summary>
    public double RefineBelow { get; init; } = 64;
    /// <summary>Tile detections reaching this many pixels past an inner tile edge are dropped (a cut view).</summary>
    public double EdgeMargin { get; init; } = 4;
    /// <summary>Confirm each window's detections on the mirrored window (one more inference per window with a candidate).</summary>
    public bool MirrorCheck { get; init; } = true;

    public static FaceDetectionOptions Default { get; } = new();
}
