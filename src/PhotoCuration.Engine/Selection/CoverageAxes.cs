using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// The five coverage axes of SPEC 7 and how a photo's value on each is read. <c>scene_type</c> and
/// <c>people_count</c> come from CLIP labels; without a model, scene_type is the photo's visual scene
/// group in this shoot (<see cref="SceneGroups"/>) and people_count is unknown (not covered, not counted).
/// </summary>
public static class CoverageAxes
{
    public const string SceneType = Axes.SceneType;
    public const string PaletteCluster = Axes.PaletteCluster;
    public const string TimeOfDay = Axes.TimeOfDay;
    public const string PeopleCount = Axes.PeopleCount;
    public const string Orientation = Axes.Orientation;
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<string> All = Axes.All;

    /// <summary>Values an axis can take when the domain is fixed, in the order prompts suggest them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Domains = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [TimeOfDay] = new[] { "golden", "night", "dusk", "dawn", "morning", "afternoon", "midday" },
        [Orientation] = new[] { "portrait", "landscape", "square" },
    };

    /// <summary>The <c>axis:value</c> tags of known values, in axis order (an unknown value is no tag).</summary>
    public static string[] Tags(IReadOnlyDictionary<string, string> axes) =>
        All.Where(a => axes.TryGetValue(a, out var v) && v != Unknown).Select(a => $"{a}:{axes[a]}").ToArray();

    public static Dictionary<string, string> Of(Photo photo, string? visualScene)
    {
        var f = photo.Features!;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SceneType] = f.SceneType ?? visualScene ?? Unknown,
            [PaletteCluster] = PaletteFamily(f.Palette),
            [TimeOfDay] = string.IsNullOrEmpty(f.TimeOfDay) ? Unknown : f.TimeOfDay,
            [PeopleCount] = f.PeopleCount ?? Unknown,
            [Orientation] = string.IsNullOrEmpty(f.Orientation) ? Unknown : f.Orientation.ToLowerInvariant(),
        };
    }

    /// <summary>
    /// Colour family of the dominant palette colour: neutral (CIELAB chroma under 12) split by
    /// lightness, else one of eight hue names by the CIELAB hue angle. Readable in a tag and stable
    /// across runs and batches (no clustering that depends on the other photos).
    /// </summary>
    public static string PaletteFamily(IReadOnlyList<string> palette)
    {
        if (palette.Count == 0) return Unknown;
        var (l, a, b) = ColorSpace.HexToLab(palette[0]);
        var chroma = Math.Sqrt(a * a + b * b);
        if (chroma < 12) return l < 35 ? "neutral-dark" : l > 70 ? "neutral-light" : "neutral";
        var hue = (Math.Atan2(b, a) * 180 / Math.PI + 360) % 360;
        return hue switch
        {
            < 20 => "magenta",
            < 50 => "red",
            < 75 => "orange",
            < 100 => "yellow",
            < 150 => "green",
            < 220 => "teal",
            < 290 => "blue",
            < 340 => "purple",
            _ => "magenta",
        };
    }
}
