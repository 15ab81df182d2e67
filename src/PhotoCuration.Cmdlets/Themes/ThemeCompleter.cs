using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PhotoCuration.Cmdlets.Themes;

/// <summary>Completes -Theme with "default" and the themes in the workspace's data/themes folder.</summary>
public sealed class ThemeCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var workspace = fakeBoundParameters.Contains("Workspace") ? fakeBoundParameters["Workspace"]?.ToString() : null;
        var location = CurrentFileSystemLocation();
        var root = string.IsNullOrEmpty(workspace) ? location : Path.GetFullPath(Path.Combine(location, workspace!));
        var prefix = wordToComplete.Trim('\'', '"');
        return ThemeBridge.Available(root).Prepend("default")
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n.Contains(' ') ? $"'{n}'" : n, n, CompletionResultType.ParameterValue, n));
    }

    /// <summary>
    /// The session's current folder. Completion runs while the prompt's pipeline is active, so the
    /// session state proxy is unavailable; a nested command in the current runspace is allowed.
    /// </summary>
    private static string CurrentFileSystemLocation()
    {
        try
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand("Microsoft.PowerShell.Management\\Get-Location").AddParameter("PSProvider", "FileSystem");
            return ps.Invoke<PathInfo>().FirstOrDefault()?.ProviderPath ?? Environment.CurrentDirectory;
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or InvalidOperationException or RuntimeException)
        {
            return Environment.CurrentDirectory;
        }
    }
}
