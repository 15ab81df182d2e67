using System.Management.Automation;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Cmdlets.Preprocess;

/// <summary>
/// One Invoke-Preprocess invocation: a preprocessor per workspace, the workers, and a stage record per
/// batch seen (photos of several batches may flow through one pipeline).
/// </summary>
internal sealed class PreprocessSession : IDisposable
{
    private readonly PSCmdlet _cmdlet;
    private readonly PreprocessOptions _options;
    private readonly Dictionary<string, Preprocessor> _byWorkspace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Workspace, string BatchId), PreprocessBatch> _batches = new();
    private readonly List<(string Workspace, string BatchId)> _batchOrder = new();
    private readonly PhotoWorkRunner<(Photo Photo, Preprocessor Preprocessor), PhotoPreprocess> _runner;

    public PreprocessSession(PSCmdlet cmdlet, PreprocessOptions options, int workers, CancellationToken cancellation)
    {
        options.Validate();
        _cmdlet = cmdlet;
        _options = options;
        _runner = new PhotoWorkRunner<(Photo Photo, Preprocessor Preprocessor), PhotoPreprocess>(cmdlet, 2, "Invoke-Preprocess: decoding and resizing",
            (item, token) => item.Preprocessor.Process(item.Photo, token), OnResult, workers, cancellation, r => r.FromCache);
    }

    public void Add(Photo photo, string workspace)
    {
        if (!_byWorkspace.TryGetValue(workspace, out var preprocessor))
        {
            preprocessor = new Preprocessor(new WorkspaceLayout(workspace), _options);
            _byWorkspace[workspace] = preprocessor;
        }
        var key = (workspace, photo.BatchId.Length > 0 ? photo.BatchId : "batch");
        if (!_batches.ContainsKey(key))
        {
            _batches[key] = new PreprocessBatch(key.Item2, new WorkspaceLayout(workspace), _options);
            _batchOrder.Add(key);
        }
        photo.Workspace = workspace;
        _runner.Post((photo, preprocessor));
    }

    public void Drain() => _runner.Drain();

    public (IReadOnlyList<string> StageJsons, string Summary) Complete()
    {
        _runner.Complete();
        var written = _batchOrder.Select(k => _batches[k].WriteStageJson()).ToList();
        ImagingConfiguration.ReleasePooledMemory();
        return (written, _runner.Clock.Summary());
    }

    public void Cancel() => _runner.Cancel();

    private void OnResult(WorkResult<(Photo Photo, Preprocessor Preprocessor), PhotoPreprocess> result)
    {
        var photo = result.Input.Photo;
        var batch = _batches[(photo.Workspace, photo.BatchId.Length > 0 ? photo.BatchId : "batch")];
        if (result.Error is not null)
        {
            var (id, message) = ErrorRecords.Describe(result.Error, photo.Path);
            batch.Reject(photo.Path, id, message);
            _cmdlet.WriteError(ErrorRecords.ForPhoto(result.Error, photo.Path));
            return;
        }
        photo.Preprocess = result.Output;
        batch.Add(photo, result.Output!);
        _cmdlet.WriteObject(photo);
    }

    public void Dispose() => _runner.Dispose();
}
