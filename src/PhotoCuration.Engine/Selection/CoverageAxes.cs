using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// The coverage axes and how a photo's value on each is read (docs/algorithms.md#selection).
/// <c>scene_type</c> and <c>people_count</c> come from CLIP labels. Without a model no photo has a scene
/// type: the photo's visual group in this shoot (<see cref="SceneGroups"/>) goes on its own axis,
/// <c>look</c> (values 1, 2, … — tags <c>look:3</c>), honestly named as what it is, and people_count is
/// unknown (not covered, not counted). <c>look</c> is covered silently: no prompt asks for more of a
/// look, since a person cannot act on "look 7"; prompts are for the <see cref="Actionable"/> axes.
/// </summary>
public static class CoverageAxes
{
    public const string SceneType = Axes.SceneType;
    public const string Look = Axes.Look;
    public const string PaletteCluster = Axes.PaletteCluster;
    public const string TimeOfDay = Axes.TimeOfDay;
    public const string PeopleCount = Axes.PeopleCount;
    public const string Orientation = Axes.Orientation;
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<string> All = Axes.All;

    /// <summary>Axes a person can act on (shoot more night frames, a portrait frame…): the only ones that raise prompts.</summary>
    public static bool Actionable(string axis) => axis != Look;

    /// <summary>
    /// Emphasis of an axis: its own entry, and for <c>look</c> without one the scene_type emphasis, since
    /// the look stands in for the scene type when no model labels scenes.
    /// </summary>
    public static double Emphasis(IReadOnlyDictionary<string, double> emphasis, string axis) =>
        emphasis.TryGetValue(axis, out var e) ? e
        : axis == Look && emphasis.TryGetValue(SceneType, out var scene) ? scene
        : 0;

    /// <summary>Values an axis can take when the domain is fixed, in the order prompts suggest them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Domains = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [TimeOfDay] = new[] { "golden", "night", "dusk", "dawn", "morning", "afternoon", "midday" },
        [Orientation] = new[] { "portrait", "landscape", "square" },
    };

    /// <summary>The <c>axis:value</c> tags of known values, in axis order (an unknown value is no tag).</summary>
    public static string[] Tags(IReadOnlyDictionary<string, string> axes) =>
        All.Where(a => axes.TryGetValue(a, out var v) && v != Unknown).Select(a => $"{a}:{axes[a]}").ToArray();

    /// <param name="visualLook">The photo's visual group in this shoot, used only when no model labelled its scene.</param>
    public static Dictionary<string, string> Of(Photo photo, string? visualLook)
    {
        var f = photo.Features!;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SceneType] = f.SceneType ?? Unknown,
            [Look] = f.SceneType is null ? visualLook ?? Unknown : Unknown,
            [PaletteCluster] = PaletteFamily(f.Palette),
            [TimeOfDay] = string.IsNullOrEmpty(f.TimeOfDay) ? Unknown : f.TimeOfDay,
            [PeopleCount] = f.PeopleCount ?? PeopleBands.Of(photo) ?? Unknown,
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
