using System.Management.Automation;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Cmdlets.Ingest;

/// <summary>
/// The state of one Import-PhotoBatch invocation: which paths were seen, the workers inspecting files,
/// and the batch that collects results. Kept out of the cmdlet class so that engine types only load
/// after the module initializer has routed them to the engine's load context.
/// </summary>
internal sealed class ImportSession : IDisposable
{
    private readonly PSCmdlet _cmdlet;
    private readonly HashSet<string> _seen = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private readonly PhotoScanner _scanner;
    private readonly PhotoWorkRunner<string, Photo> _runner;
    private BatchIngest? _batch;

    public ImportSession(PSCmdlet cmdlet, double maxMegapixels, int workers, IEnumerable<string>? include, IEnumerable<string>? exclude, CancellationToken cancellation)
    {
        _cmdlet = cmdlet;
        _scanner = new PhotoScanner(include, exclude);
        var inspector = new PhotoInspector(maxMegapixels);
        _runner = new PhotoWorkRunner<string, Photo>(cmdlet, 1, "Import-PhotoBatch: reading photos", inspector.Inspect, OnResult, workers, cancellation);
    }

    public bool HasBatch => _batch is not null;
    public BatchIngest Batch => _batch ?? throw new InvalidOperationException("The batch was not started.");

    public void StartBatch(string batchId, string workspace, UserOverrides overrides, string? themeRef) =>
        _batch = new BatchIngest(batchId, new WorkspaceLayout(workspace), overrides, themeRef);

    /// <summary>Queues a file, or every photo file of a folder. Each path is imported once per call.</summary>
    public void Add(string path, bool recurse)
    {
        var looksLikePhoto = PhotoFormats.ScannedExtensions.Contains(Path.GetExtension(path));
        if (Directory.Exists(path) && !looksLikePhoto)
        {
            var files = _scanner.Scan(path, recurse).Where(f => !IsWorkspaceOutput(f)).Where(f => _seen.Add(f)).ToList();
            _runner.ExpectMore(files.Count);
            foreach (var file in files) _runner.Post(file);
            return;
        }
        // A folder named like an image still goes to the inspector, which reports it as "not a file".
        if (!_seen.Add(path)) return;
        _runner.ExpectMore(1);
        _runner.Post(path);
    }

    public void Drain() => _runner.Drain();

    /// <summary>Files the stages wrote (derived images, cache, stage JSON) are never photos of the shoot.</summary>
    private bool IsWorkspaceOutput(string file)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var dir in new[] { Batch.Layout.DataDir, Batch.Layout.StageJsonDir })
        {
            if (file.StartsWith(Path.TrimEndingDirectorySeparator(dir) + Path.DirectorySeparatorChar, comparison)) return true;
        }
        return false;
    }

    /// <summary>Finishes the remaining work; returns the stage JSON path and the timing summary.</summary>
    public (string StageJson, string Summary) Complete()
    {
        _runner.Complete();
        var path = Batch.WriteStageJson();
        StageTimingLog.Record(Batch.Layout, Batch.BatchId, "ingest", (long)_runner.Clock.Elapsed.TotalMilliseconds);
        ImagingConfiguration.ReleasePooledMemory();
        return (path, _runner.Clock.Summary());
    }

    public IEnumerable<(string List, string Entry)> UnmatchedOverrides() => Batch.Overrides.Unmatched();

    public void Cancel() => _runner.Cancel();

    private void OnResult(Engine.Pipeline.WorkResult<string, Photo> result)
    {
        if (result.Error is not null)
        {
            var (id, message) = ErrorRecords.Describe(result.Error, result.Input);
            Batch.Reject(result.Input, id, message);
            _cmdlet.WriteError(ErrorRecords.ForPhoto(result.Error, result.Input));
            return;
        }
        var photo = Batch.Accept(result.Output!);
        if (photo.Exif.Warnings.Count > 0)
        {
            // The pixels are fine, so the photo still flows on; the metadata problem is reported.
            var message = $"'{photo.FileName}' has damaged metadata: {string.Join("; ", photo.Exif.Warnings)}";
            Batch.Reject(photo.Path, PhotoErrorIds.CorruptMetadata, message);
            var error = new PhotoInputException(PhotoErrorIds.CorruptMetadata, PhotoProblem.InvalidData, photo.Path, message);
            _cmdlet.WriteError(ErrorRecords.ForPhoto(error, photo.Path));
        }
        _cmdlet.WriteObject(photo);
    }

    public void Dispose() => _runner.Dispose();
}
