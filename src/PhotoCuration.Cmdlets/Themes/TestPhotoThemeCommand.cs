using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Themes;

/// <summary>
/// <para type="synopsis">Checks a theme.yaml and reports every problem with its file, line, column and key.</para>
/// <para type="description">Test-PhotoTheme validates theme files strictly: unknown keys (with the keys allowed at that place), wrong types, values out of range (with the range), colours that are not #RRGGBB, unknown roles, axes or judges. It returns $true when the theme is valid and $false otherwise, writing one non-terminating error per problem. With -PassThru it returns the problems as ThemeIssue objects instead, for scripts and CI.</para>
/// <example>
///   <code>Test-PhotoTheme ./data/themes/autumn-editorial.yaml</code>
///   <para>Returns $true, or $false with an error per problem such as "autumn-editorial.yaml:7:14: weights.vibe: 1.4 is out of range; allowed 0 to 1".</para>
/// </example>
/// <example>
///   <code>Get-ChildItem ./data/themes/*.yaml | Test-PhotoTheme -PassThru | Format-Table File, Line, Key, Message</code>
///   <para>Lists every problem in every theme file.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PhotoTheme")]
[OutputType(typeof(bool), typeof(ThemeIssue))]
public sealed class TestPhotoThemeCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Theme files or theme names from data/themes.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath", "Name")]
    [ArgumentCompleter(typeof(ThemeCompleter))]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Workspace whose data/themes folder holds named themes. Default: the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Return the problems as ThemeIssue objects instead of $true/$false and errors.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var workspace = ResolveWorkspace(Workspace);
        foreach (var item in Path)
        {
            var path = ThemeBridge.Locate(ResolveLiteralPath(item), workspace) ?? ThemeBridge.Locate(item, workspace);
            if (path is null)
            {
                var missing = new ThemeIssue { File = item, Line = 0, Column = 0, Key = "", Message = "no such theme file or theme name" };
                if (PassThru) WriteObject(missing);
                else
                {
                    WriteError(new ErrorRecord(new FileNotFoundException(missing.Message, item), "ThemeNotFound", ErrorCategory.ObjectNotFound, item));
                    WriteObject(false);
                }
                continue;
            }
            var issues = ThemeBridge.Validate(path);
            if (PassThru)
            {
                foreach (var issue in issues) WriteObject(issue);
                continue;
            }
            foreach (var issue in issues)
            {
                WriteError(new ErrorRecord(new InvalidDataException(issue.ToString()), "InvalidTheme", ErrorCategory.InvalidData, path));
            }
            WriteObject(issues.Count == 0);
        }
    }
}
