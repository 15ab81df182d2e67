using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// Keywords a person would search a catalog by, only with <c>-Keywords</c> (docs/algorithms.md#keywords--keywords):
/// the time of day in words ("night", "golden hour") and a scene label a model gave in words ("beach").
/// Internal names are never keywords: no roles, no <c>axis:value</c> tokens, no model-free groups
/// (<c>look:3</c>), no numbered scenes (<c>scene_03</c>), no colour families or orientation, which a
/// catalog shows by itself.
/// </summary>
public static class XmpKeywords
{
    /// <summary>Time-of-day labels as a photographer says them.</summary>
    private static readonly IReadOnlyDictionary<string, string> TimeOfDayWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dawn"] = "dawn",
        ["morning"] = "morning",
        ["midday"] = "midday",
        ["afternoon"] = "afternoon",
        ["golden"] = "golden hour",
        ["dusk"] = "dusk",
        ["night"] = "night",
    };

    public static IReadOnlyList<string> Of(CuratedItem item)
    {
        var axes = AxesOf(item);
        var words = new List<string>();
        if (axes.TryGetValue(CoverageAxes.TimeOfDay, out var tod) && TimeOfDayWords.TryGetValue(tod, out var word)) words.Add(word);
        if (axes.TryGetValue(CoverageAxes.SceneType, out var scene) && IsWordLabel(scene)) words.Add(scene.Replace('_', ' ').Trim());
        return words.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>A label of letters and spaces only (a model's "beach", "city street"), not "scene_03", "unknown" or a number.</summary>
    public static bool IsWordLabel(string value) =>
        !string.IsNullOrWhiteSpace(value) && value != CoverageAxes.Unknown
        && !value.StartsWith("scene", StringComparison.OrdinalIgnoreCase)
        && value.All(c => char.IsLetter(c) || c == ' ' || c == '-' || c == '_');

    /// <summary>The item's axes, or when only tags were kept (a set rebuilt from JSON) the axes its tags name.</summary>
    private static IReadOnlyDictionary<string, string> AxesOf(CuratedItem item)
    {
        if (item.Axes.Count > 0) return item.Axes;
        var axes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in item.Tags)
        {
            var colon = tag.IndexOf(':');
            if (colon > 0) axes.TryAdd(tag[..colon], tag[(colon + 1)..]);
        }
        return axes;
    }
}
