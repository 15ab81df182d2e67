using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Themes;

/// <summary>
/// Finds a theme by what the user typed: nothing or "default" (the built-in theme), an existing path,
/// or a name looked up as <c>data/themes/&lt;name&gt;.yaml</c> (or .yml) in the workspace.
/// </summary>
public static class ThemeResolver
{
    public static PhotoTheme Resolve(string? theme, string workspace)
    {
        if (string.IsNullOrWhiteSpace(theme) || string.Equals(theme, BuiltInTheme.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ThemeLoader.BuiltIn();
        }
        var path = Locate(theme, workspace);
        if (path is null && ShippedThemes.Names.Contains(theme, StringComparer.OrdinalIgnoreCase)) return ShippedThemes.Load(theme)!;
        if (path is null)
        {
            var available = Available(workspace).ToList();
            throw new FileNotFoundException(
                $"No theme '{theme}': not a file, and no {Path.Combine(new WorkspaceLayout(workspace).ThemesDir, theme + ".yaml")}. Available: {string.Join(", ", available.Prepend(BuiltInTheme.Name))}.",
                theme);
        }
        return ThemeLoader.LoadFile(path);
    }

    public static string? Locate(string theme, string workspace)
    {
        var asPath = Path.GetFullPath(Path.Combine(workspace, theme));
        if (File.Exists(asPath)) return asPath;
        var dir = new WorkspaceLayout(workspace).ThemesDir;
        foreach (var extension in new[] { ".yaml", ".yml" })
        {
            var candidate = Path.Combine(dir, theme + extension);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Theme names in the workspace's <c>data/themes</c> and the shipped ones, sorted (for tab completion).</summary>
    public static IEnumerable<string> Available(string workspace)
    {
        var dir = new WorkspaceLayout(workspace).ThemesDir;
        var own = Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.y*ml") : Enumerable.Empty<string>();
        return own
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Concat(ShippedThemes.Names)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
    }
}
