using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Themes;

/// <summary>
/// <para type="synopsis">Loads a curation theme: the built-in default, a theme name from data/themes, or a theme.yaml path.</para>
/// <para type="description">Get-PhotoTheme returns the theme a stage would use: palette, mood prompts, score weights, the Q_tech gate, moment thresholds, selection count, weights, role quotas, axis emphasis and judge settings. Without -Name it lists "default", the themes the module ships (autumn-editorial, product, travel, wedding) and every theme in the workspace's data/themes folder (a file there wins over a shipped theme of the same name). -AsYaml writes a theme's YAML text, to start a theme of your own; see about_PhotoCuration_Themes. A named theme file with unknown keys, wrong types or out-of-range values is an error that lists every problem with its file, line and key (when listing, an invalid file is named in a warning); use Test-PhotoTheme to check a file.</para>
/// <example>
///   <code>Get-PhotoTheme autumn-editorial | Format-List</code>
///   <para>Shows the shipped autumn-editorial theme (or data/themes/autumn-editorial.yaml when the workspace has one) as the stages will use it.</para>
/// </example>
/// <example>
///   <code>Get-PhotoTheme</code>
///   <para>Lists the built-in theme, the shipped themes and every theme in data/themes.</para>
/// </example>
/// <example>
///   <code>Get-PhotoTheme default -AsYaml | Set-Content data/themes/mine.yaml</code>
///   <para>Writes the default theme as YAML to edit into a theme of your own (editors with a YAML extension check it against the module's schema).</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PhotoTheme")]
[OutputType(typeof(PhotoTheme), typeof(string))]
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

    /// <summary>
    /// <para type="description">Write each theme as its YAML text instead of an object, headed by a line that points editors at the module's JSON Schema (schemas/theme.schema.json): Get-PhotoTheme default -AsYaml | Set-Content data/themes/mine.yaml starts a theme of your own.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AsYaml { get; set; }

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
                if (AsYaml) WriteObject(ThemeBridge.YamlOf(name, workspace, System.IO.Path.Combine(MyInvocation.MyCommand.Module?.ModuleBase ?? "", "schemas", "theme.schema.json")));
                else WriteObject(ThemeBridge.Resolve(name, workspace));
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
