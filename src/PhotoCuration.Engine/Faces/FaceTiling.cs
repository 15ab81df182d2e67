namespace PhotoCuration.Engine.Faces;

/// <summary>
/// The windows the detector runs on: the whole frame letterboxed into 256 px, then 256-px tiles of the
/// image at its own scale with 50 % overlap (stride 128; the last tile of a row or column is aligned
/// to the image's edge). The back model only finds faces that fill a fair part of its input, so on a
/// 1024-px frame the whole-frame pass misses small faces; any face up to the stride (128 px) lies
/// wholly inside at least one tile. A 1024×1024 frame gives 1 + 7 × 7 windows, 1024×683 gives
/// 1 + 7 × 5. docs/algorithms.md#faces
/// </summary>
public static class FaceTiling
{
    public const int TileSize = BlazeFaceAnchors.InputSize;
    public const int Stride = TileSize / 2;

    /// <param name="tileSize">Tile side in image pixels: 256 looks at the image at its own scale; 512 at half scale (each tile shrunk into the 256-px input).</param>
    public static IReadOnlyList<FaceWindow> Windows(int width, int height, bool tiles = true, int tileSize = TileSize)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), "An image needs at least one pixel.");
        var windows = new List<FaceWindow> { new(0, 0, width, height, IsWholeFrame: true) };
        if (!tiles || (width <= tileSize && height <= tileSize)) return windows;
        foreach (var y in Starts(height, tileSize))
            foreach (var x in Starts(width, tileSize))
                windows.Add(new FaceWindow(x, y, Math.Min(tileSize, width), Math.Min(tileSize, height), IsWholeFrame: false));
        return windows;
    }

    /// <summary>Tile origins along one axis, half a tile apart: 0, 128, 256, … and the edge-aligned last one.</summary>
    public static IReadOnlyList<int> Starts(int length, int tileSize = TileSize)
    {
        if (length <= tileSize) return new[] { 0 };
        var starts = new List<int>();
        for (var s = 0; s + tileSize < length; s += tileSize / 2) starts.Add(s);
        starts.Add(length - tileSize);
        return starts.Distinct().ToArray();
    }

    /// <summary>
    /// Whether a tile's detection is one the tiles are there for: no wider than the stride. A larger face
    /// lies whole in a tile only by chance, and the whole frame finds it anyway (measured: faces of
    /// 48 px and more in a 1024-px frame, docs/algorithms.md#faces), so a large box from a tile is at
    /// best a duplicate and at worst a texture the tile mistook for a face.
    /// </summary>
    public static bool TileSized(FaceDetection d, FaceWindow tile) => tile.IsWholeFrame || Math.Max(d.Width, d.Height) <= Math.Max(tile.Width, tile.Height) / 2.0;

    /// <summary>
    /// Whether a detection made in a tile is cut by one of the tile's inner edges (an edge that is not
    /// the image's own): such a face is seen whole by a neighbouring tile or by the whole frame, and a
    /// cut view would drag the merged box towards the cut. <paramref name="margin"/> in pixels.
    /// </summary>
    public static bool CutByInnerEdge(FaceDetection d, FaceWindow tile, int imageWidth, int imageHeight, double margin)
    {
        if (tile.IsWholeFrame) return false;
        return (tile.X > 0 && d.Left < tile.X - margin)
            || (tile.Y > 0 && d.Top < tile.Y - margin)
            || (tile.X + tile.Width < imageWidth && d.Right > tile.X + tile.Width + margin)
            || (tile.Y + tile.Height < imageHeight && d.Bottom > tile.Y + tile.Height + margin);
    }
}
