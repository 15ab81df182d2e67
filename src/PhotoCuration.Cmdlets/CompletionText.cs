using System.Management.Automation;

namespace PhotoCuration.Cmdlets;

/// <summary>What every argument completer of the module needs: the session's folder and a word quoted so the line still parses.</summary>
internal static class CompletionText
{
    /// <summary>
    /// The session's current folder. Completion runs while the prompt's pipeline is active, so the
    /// session state proxy is unavailable; a nested command in the current runspace is allowed.
    /// </summary>
    public static string CurrentFileSystemLocation()
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

    /// <summary><paramref name="word"/> as it must be typed: in single quotes (inner quotes doubled) when it holds a space or a character PowerShell would parse.</summary>
    public static string Quoted(string word) => NeedsQuotes(word) ? "'" + word.Replace("'", "''") + "'" : word;

    private static bool NeedsQuotes(string word) => word.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[];,&|@#<>".Contains(c));
}
