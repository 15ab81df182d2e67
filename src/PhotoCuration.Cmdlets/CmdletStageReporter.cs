using System.Management.Automation;
using PhotoCuration.Engine.Core;
using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// What an engine stage reports, written to a cmdlet's streams: throttled progress under one activity,
/// a PowerShell error record per failed photo, warnings and verbose lines.
/// </summary>
internal class CmdletStageReporter : IStageReporter
{
    private readonly Cmdlet _cmdlet;
    private readonly ProgressReporter _progress;

    public CmdletStageReporter(Cmdlet cmdlet, int activityId, string activity)
    {
        _cmdlet = cmdlet;
        _progress = new ProgressReporter(cmdlet, activityId, activity);
    }

    /// <summary>Errors reported so far.</summary>
    public int Errors { get; private set; }

    public virtual void Progress(StageDescriptor stage, int done, int total) => _progress.Report(done, total);

    public void CompleteProgress() => _progress.Complete();

    public virtual void PhotoFailed(StageDescriptor stage, string path, Exception error)
    {
        Errors++;
        _cmdlet.WriteError(ErrorRecords.ForPhoto(error, path));
    }

    public virtual void Warning(string message) => _cmdlet.WriteWarning(message);

    public virtual void Verbose(string message) => _cmdlet.WriteVerbose(message);

    /// <summary>
    /// A wait cancelled by Ctrl+C ends the command the way PowerShell expects a stopped pipeline to
    /// end, not with an error record about a cancelled operation.
    /// </summary>
    public static void StopOnCancel(Action action)
    {
        try
        {
            action();
        }
        catch (OperationCanceledException ex)
        {
            throw new PipelineStoppedException(ex.Message);
        }
    }
}
