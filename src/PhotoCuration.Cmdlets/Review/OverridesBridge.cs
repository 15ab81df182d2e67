using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>Reads a batch's overrides file for Select-CuratedSet; a bad file stops the selection (a terminating error naming the file) rather than being ignored.</summary>
internal static class OverridesBridge
{
    public static Engine.Core.BatchOverrides? Load(PSCmdlet cmdlet, string workspace, string batchId)
    {
        var layout = new Engine.Workspace.WorkspaceLayout(workspace);
        string path;
        try
        {
            path = Engine.Workspace.BatchOverridesFile.PathFor(layout, batchId);
        }
        catch (ArgumentException)
        {
            return null; // not a batch id a file could be named after: there is no overrides file
        }
        try
        {
            var overrides = Engine.Workspace.BatchOverridesFile.Load(layout, batchId);
            if (overrides is not null)
            {
                cmdlet.WriteVerbose($"Select-CuratedSet: {batchId}: overrides from {path}: lock_in {overrides.UserOverrides.LockIn.Count}, exclude {overrides.UserOverrides.Exclude.Count}, axis_emphasis {overrides.AxisEmphasis.Count}");
            }
            return overrides;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Selecting without it would break a lock or an exclusion the person asked for: stop instead.
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidOverridesFile", ErrorCategory.InvalidData, path));
            return null;
        }
    }
}
