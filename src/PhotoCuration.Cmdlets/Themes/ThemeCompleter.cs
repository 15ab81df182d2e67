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
        var location = CompletionText.CurrentFileSystemLocation();
        var root = string.IsNullOrEmpty(workspace) ? location : Path.GetFullPath(Path.Combine(location, workspace!));
        var prefix = wordToComplete.Trim('\'', '"');
        return ThemeBridge.Available(root).Prepend("default")
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(CompletionText.Quoted(n), n, CompletionResultType.ParameterValue, n));
    }
}
