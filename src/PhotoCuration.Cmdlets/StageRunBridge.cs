using System.Management.Automation;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// The exploring stage cmdlets' runs (-RunName): their stage documents go to the named run, or, with no
/// name, stay off the main files of a batch already exported (the engine's StageRuns), the diversion
/// reported as a warning. Keeps the engine type out of the public cmdlet classes.
/// </summary>
internal static class StageRunBridge
{
    /// <summary>The run to write to: the one given, else the one the input objects came from; null: main (or explore when diverted).</summary>
    public static string? RunOf(string? given, IEnumerable<string?> fromInputs) =>
        !string.IsNullOrEmpty(given) ? given : fromInputs.FirstOrDefault(r => !string.IsNullOrEmpty(r));

    /// <summary>Validates a -RunName (a folder name) as a terminating error.</summary>
    public static void Validate(PSCmdlet cmdlet, string? runName)
    {
        if (string.IsNullOrEmpty(runName)) return;
        try
        {
            Engine.Workspace.StageRuns.Validate(runName);
        }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidRunName", ErrorCategory.InvalidArgument, runName));
        }
    }

    /// <summary>Stage documents written until disposal go to the run; a diversion of an exported batch is a warning.</summary>
    public static IDisposable Exploring(Cmdlet cmdlet, string? runName) => Engine.Workspace.StageRuns.Exploring(runName, cmdlet.WriteWarning);

    /// <summary>The run a written stage document lies in ("" for main).</summary>
    public static string RunOfPath(string workspace, string stageJson) =>
        Engine.Workspace.StageRuns.RunOf(new Engine.Workspace.WorkspaceLayout(workspace), stageJson) ?? "";
}
