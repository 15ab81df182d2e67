using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Themes;

/// <summary>
/// <para type="synopsis">Loads a curation theme: the built-in default, a theme name from data/themes, or a theme.yaml path.</para>
/// <para type="description">Get-PhotoTheme returns the theme a stage would use: palette, mood prompts, score weights, the Q_tech gate, moment thresholds, selection count, weights, role quotas, axis emphasis and judge settings. Without -Name it lists "default" and every theme in the workspace's data/themes folder. A named theme file with unknown keys, wrong types or out-of-range values is an error that lists every problem with its file, line and key (when listing, an invalid file is named in a warning); use Test-PhotoTheme to check a file.</para>
/// <example>
///   <code>Get-PhotoTheme autumn-editorial | Format-List</code>
///   <para>Shows data/themes/autumn-editorial.yaml as the stages will use it.</para>
/// </example>
/// <example>
///   <code>Get-PhotoTheme</code>
///   <para>Lists the built-in theme and every theme in data/themes.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PhotoTheme")]
[OutputType(typeof(PhotoTheme))]
public sealed class GetPhotoThemeCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Theme names or paths. "default" is the built-in theme. Omit to list all themes.</para>
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Theme", "FullName")]
    [ArgumentCompleter(typeof(ThemeCompleter))]
    public string[]? Name { get; set; }

    /// <summary>
    /// <para type="description">Workspace whose data/themes folder holds named themes. Default: the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var workspace = ResolveWorkspace(Workspace);
        var listing = Name is null;
        var names = Name ?? ThemeBridge.Available(workspace).Prepend("default").ToArray();
        foreach (var name in names)
        {
            try
            {
                WriteObject(ThemeBridge.Resolve(name, workspace));
            }
            catch (Engine.Themes.ThemeValidationException ex) when (listing)
            {
                // Listing should show every usable theme; one bad file is named, not fatal.
                WriteWarning($"Theme '{name}' is not valid ({ex.Issues.Count} problem(s)); see Test-PhotoTheme '{ex.File}'.");
            }
            catch (Engine.Themes.ThemeValidationException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidTheme", ErrorCategory.InvalidData, name));
            }
            catch (FileNotFoundException ex)
            {
                WriteError(new ErrorRecord(ex, "ThemeNotFound", ErrorCategory.ObjectNotFound, name));
            }
        }
    }
}
