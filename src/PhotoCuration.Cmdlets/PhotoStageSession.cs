using System.Management.Automation;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// One invocation of a streaming per-photo stage (Invoke-Preprocess, Get-PhotoFeatures,
/// Measure-PhotoScore): the engine's <see cref="PhotoStageRun{TResult}"/>, reporting to this cmdlet
/// (progress records, error records, verbose lines) and emitting to its pipeline. Kept out of the public
/// cmdlet class so engine types load only after the module has routed them to the engine's load context.
/// </summary>
internal sealed class PhotoStageSession<TResult> : IDisposable where TResult : class
{
    private readonly PhotoStageRun<TResult> _run;
    private readonly CmdletStageReporter _reporter;

    public PhotoStageSession(PSCmdlet cmdlet, int activityId, string activity, Engine.Core.StageDescriptor stage,
        Func<WorkspaceLayout, IPhotoStage<TResult>> stageFor, int workers, CancellationToken cancellation)
    {
        _reporter = new CmdletStageReporter(cmdlet, activityId, activity);
        _run = new PhotoStageRun<TResult>(stage, stageFor, _reporter, cmdlet.WriteObject, workers, cancellation);
    }

    public void Add(Photo photo, string workspace) => CmdletStageReporter.StopOnCancel(() => _run.Add(photo, workspace));

    public void Drain() => _run.Drain();

    /// <summary>Finishes the work and writes each batch's stage JSON.</summary>
    public (IReadOnlyList<string> StageJsons, string Summary) Complete()
    {
        (IReadOnlyList<string>, string) result = default;
        try
        {
            CmdletStageReporter.StopOnCancel(() => result = _run.Complete());
        }
        finally
        {
            _reporter.CompleteProgress();
        }
        return result;
    }

    public void Cancel() => _run.Cancel();

    public void Dispose() => _run.Dispose();
}
