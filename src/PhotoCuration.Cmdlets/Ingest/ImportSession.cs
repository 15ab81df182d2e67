using System.Management.Automation;
using PhotoCuration.Engine.Core;
using PhotoCuration.Engine.Ingest;

namespace PhotoCuration.Cmdlets.Ingest;

/// <summary>
/// One Import-PhotoBatch invocation: the engine's <see cref="IngestRun"/>, reporting to the cmdlet.
/// Kept out of the public cmdlet class so that engine types only load after the module initializer has
/// routed them to the engine's load context.
/// </summary>
internal sealed class ImportSession : IDisposable
{
    private readonly CmdletStageReporter _reporter;
    private readonly IngestRun _run;
    private readonly Engine.Distributed.LibraryRoots _library;

    public ImportSession(PSCmdlet cmdlet, double maxMegapixels, int workers, IEnumerable<string>? include, IEnumerable<string>? exclude, System.Collections.Hashtable? library, CancellationToken cancellation)
    {
        _library = Distributed.DistributedBridge.Library(cmdlet, library);
        _reporter = new CmdletStageReporter(cmdlet, 1, "Import-PhotoBatch: reading photos");
        _run = new IngestRun(_reporter, cmdlet.WriteObject, maxMegapixels, workers, include, exclude, cancellation);
    }

    public bool HasBatch => _run.HasBatch;
    public BatchIngest Batch => _run.Batch;

    public void StartBatch(string batchId, string workspace, UserOverrides overrides, string? themeRef) => _run.StartBatch(batchId, workspace, overrides, themeRef, _library);

    public void Add(string path, bool recurse) => CmdletStageReporter.StopOnCancel(() => _run.Add(path, recurse));

    public void AddFiles(IReadOnlyList<string> paths) => CmdletStageReporter.StopOnCancel(() => _run.AddFiles(paths));

    public void Drain() => _run.Drain();

    public (string StageJson, string Summary) Complete()
    {
        (string, string) result = default;
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

    public IEnumerable<(string List, string Entry)> UnmatchedOverrides() => _run.UnmatchedOverrides();

    public void Cancel() => _run.Cancel();

    public void Dispose() => _run.Dispose();
}
