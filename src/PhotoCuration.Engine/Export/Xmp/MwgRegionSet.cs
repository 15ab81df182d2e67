using System.Globalization;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// Face boxes as Metadata Working Group regions (<c>mwg-rs:Regions</c>, MWG Guidelines 2.0 §5.9;
/// docs/algorithms.md#face-regions--faceregions), which Lightroom, digiKam and Picasa read. The face stage gives
/// boxes as fractions of the upright (orientation-applied) frame; MWG areas are normalized too, with
/// x, y the box's centre, so the numbers carry over without knowing the pixel size. The applied-to
/// dimensions are the upright size of the original.
/// </summary>
public sealed class MwgRegionSet
{
    public int Width { get; init; }
    public int Height { get; init; }
    public IReadOnlyList<Area> Faces { get; init; } = Array.Empty<Area>();

    /// <summary>A normalized area: centre x, y and width, height, each 0–1.</summary>
    public readonly record struct Area(double X, double Y, double W, double H);

    /// <summary>Decimals written: a millionth of the frame is below a pixel at any camera size (docs/algorithms.md#face-regions--faceregions).</summary>
    private const int Decimals = 6;

    /// <summary>The photo's faces as regions; null when the face stage did not look at it or found none.</summary>
    public static MwgRegionSet? Of(Photo photo)
    {
        if (photo.Faces is not { Length: > 0 } faces) return null;
        var (w, h) = photo.Preprocess is { OriginalWidth: > 0, OriginalHeight: > 0 } p ? (p.OriginalWidth, p.OriginalHeight) : (photo.Width, photo.Height);
        if (w <= 0 || h <= 0) return null;
        var areas = faces.Select(f =>
        {
            var x0 = Math.Clamp(f.X, 0, 1);
            var y0 = Math.Clamp(f.Y, 0, 1);
            var x1 = Math.Clamp(f.X + f.Width, 0, 1);
            var y1 = Math.Clamp(f.Y + f.Height, 0, 1);
            return new Area(Round((x0 + x1) / 2), Round((y0 + y1) / 2), Round(x1 - x0), Round(y1 - y0));
        }).Where(a => a.W > 0 && a.H > 0).ToList();
        return areas.Count == 0 ? null : new MwgRegionSet { Width = w, Height = h, Faces = areas };
    }

    private static double Round(double v) => Math.Round(v, Decimals, MidpointRounding.ToEven);

    public static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
