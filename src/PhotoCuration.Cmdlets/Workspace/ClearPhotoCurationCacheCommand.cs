using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Workspace;

/// <summary>
/// <para type="synopsis">Workspace maintenance: removes the temporary files that killed processes left behind.</para>
/// <para type="description">Clear-PhotoCurationCache -StaleTemp removes, under the workspace's data/ and intermediateJsons/ folders, the hidden temporary files (.name.xxxxxxxxxxxx.tmp) that a process killed mid-write left behind, older than -OlderThan (default 1 hour: a live write takes well under a second, so no running worker's file is touched). Nothing else is removed: every cache entry, derived image and stage JSON stays. A local run sweeps its own preprocess folders as it starts; a workspace shared by the workers of a studio is swept with this command instead (say nightly, from one machine), since listing the folders of an archive on a NAS at every worker's start-up would take minutes.</para>
/// <example>
///   <code>Clear-PhotoCurationCache -Workspace \\nas\curation -StaleTemp -Verbose</code>
///   <para>Removes the stale temporary files of the shared workspace and says how many there were.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Clear, "PhotoCurationCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class ClearPhotoCurationCacheCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">The workspace to sweep. Default: the current location.</para>
    /// </summary>
    [Parameter(Position = 0)]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Remove the temporary files of killed processes (the one kind of clearing this version does).</para>
    /// </summary>
    [Parameter(Mandatory = true)]
    public SwitchParameter StaleTemp { get; set; }

    /// <summary>
    /// <para type="description">Only temporary files older than this. Default: 1 hour.</para>
    /// </summary>
    [Parameter]
    public TimeSpan OlderThan { get; set; } = TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var workspace = ResolveWorkspace(Workspace);
        if (OlderThan < TimeSpan.Zero)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-OlderThan must not be negative."), "InvalidOlderThan", ErrorCategory.InvalidArgument, OlderThan));
        }
        if (!StaleTemp || !ShouldProcess(workspace, $"Remove temporary files older than {OlderThan} from")) return;
        Verbose($"removed {CacheBridge.SweepStaleTemps(workspace, OlderThan)} stale temporary file(s) from {workspace}");
    }
}

/// <summary>Keeps engine types out of the public cmdlet class (they load once the module routed them to the engine's load context).</summary>
internal static class CacheBridge
{
    public static int SweepStaleTemps(string workspace, TimeSpan olderThan) =>
        Engine.Workspace.StaleTempSweep.All(new Engine.Workspace.WorkspaceLayout(workspace), olderThan);
}
