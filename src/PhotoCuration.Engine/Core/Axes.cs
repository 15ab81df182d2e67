namespace PhotoCuration.Engine.Core;

/// <summary>
/// The names of the coverage axes, in one place: the theme's <c>selection.axis_emphasis</c>, the overrides
/// file, -AxisEmphasis and the selection's tags all use them. How a photo's value on each is read is the
/// selection's business (Selection.CoverageAxes).
/// </summary>
public static class Axes
{
    public const string SceneType = "scene_type";
    /// <summary>The photo's visual group in this shoot, standing in for the scene type when no model labels scenes.</summary>
    public const string Look = "look";
    public const string PaletteCluster = "palette_cluster";
    public const string TimeOfDay = "time_of_day";
    public const string PeopleCount = "people_count";
    public const string Orientation = "orientation";

    public static readonly IReadOnlyList<string> All = new[] { SceneType, Look, PaletteCluster, TimeOfDay, PeopleCount, Orientation };
}
