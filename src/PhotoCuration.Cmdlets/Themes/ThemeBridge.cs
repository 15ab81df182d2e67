using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PhotoCuration.Cmdlets.Themes;

/// <summary>Keeps engine theme types out of public cmdlet classes.</summary>
internal static class ThemeBridge
{
    public static IEnumerable<string> Available(string workspace) => Engine.Themes.ThemeResolver.Available(workspace);

    public static PhotoTheme Resolve(string? theme, string workspace) => Engine.Themes.ThemeResolver.Resolve(theme, workspace);

    /// <summary>The theme's YAML text (validated first), headed by the yaml-language-server schema line.</summary>
    public static string YamlOf(string theme, string workspace, string schema)
    {
        var resolved = Engine.Themes.ThemeResolver.Resolve(theme, workspace);
        var file = Engine.Themes.ThemeResolver.Locate(theme, workspace);
        var text = file is not null && !string.Equals(theme, Engine.Themes.BuiltInTheme.Name, StringComparison.OrdinalIgnoreCase)
            ? File.ReadAllText(file)
            : Engine.Themes.ShippedThemes.Yaml(resolved.Name) ?? "";
        var header = $"# yaml-language-server: $schema={new Uri(schema).AbsoluteUri}";
        return text.StartsWith("# yaml-language-server:", StringComparison.Ordinal) ? text : header + "\n" + text;
    }

    public static PhotoTheme LoadFile(string path) => Engine.Themes.ThemeLoader.LoadFile(path);

    public static string? Locate(string theme, string workspace) => Engine.Themes.ThemeResolver.Locate(theme, workspace);

    /// <summary>Issues of an invalid theme, or an empty list; other failures rethrow.</summary>
    public static IReadOnlyList<ThemeIssue> Validate(string path)
    {
        try
        {
            Engine.Themes.ThemeLoader.LoadFile(path);
            return Array.Empty<ThemeIssue>();
        }
        catch (Engine.Themes.ThemeValidationException ex)
        {
            return ex.Issues;
        }
    }

    /// <summary>Resolves a theme or turns the failure into a terminating error record.</summary>
    public static PhotoTheme ResolveOrError(PSCmdlet cmdlet, string? theme, string workspace)
    {
        try
        {
            return Resolve(theme, workspace);
        }
        catch (Engine.Themes.ThemeValidationException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidTheme", ErrorCategory.InvalidData, ex.File));
        }
        catch (FileNotFoundException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "ThemeNotFound", ErrorCategory.ObjectNotFound, theme));
        }
        throw new InvalidOperationException("unreachable");
    }
}
