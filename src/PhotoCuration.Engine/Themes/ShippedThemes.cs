using System.Reflection;

namespace PhotoCuration.Engine.Themes;

/// <summary>
/// The themes the module ships besides the built-in default (autumn-editorial, wedding, travel, product):
/// YAML files embedded in the engine, validated by the same strict loader as any theme file. A theme of
/// the same name in the workspace's <c>data/themes</c> wins, so a copy can be edited there.
/// </summary>
public static class ShippedThemes
{
    private const string Prefix = "PhotoCuration.Themes.";
    private const string Suffix = ".yaml";

    /// <summary>Names of the shipped themes, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(ShippedThemes).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Suffix.Length])
        .Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The YAML text of a shipped theme (or of the built-in default), or null.</summary>
    public static string? Yaml(string name)
    {
        if (string.Equals(name, BuiltInTheme.Name, StringComparison.OrdinalIgnoreCase)) return BuiltInTheme.Yaml + "\n";
        var resource = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (resource is null) return null;
        using var stream = typeof(ShippedThemes).Assembly.GetManifestResourceStream(Prefix + resource + Suffix)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A shipped theme, parsed; null when there is none of that name.</summary>
    public static PhotoTheme? Load(string name) =>
        Yaml(name) is { } yaml ? ThemeLoader.Parse(yaml, "module:" + Names.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))) : null;
}
