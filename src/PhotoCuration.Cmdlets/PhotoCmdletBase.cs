using System.Management.Automation;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// What every PhotoCuration cmdlet shares: path and workspace resolution against the PowerShell
/// location, and one cancellation source that Ctrl+C (<see cref="StopProcessing"/>) and an early
/// pipeline end (<c>Select-Object -First</c> calls only <see cref="Dispose"/>) both trip.
/// </summary>
public abstract class PhotoCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private bool _disposed;

    /// <summary>Cancelled on Ctrl+C or when the pipeline stops early.</summary>
    protected CancellationToken Cancellation => _cancellation.Token;

    /// <summary>Ctrl+C: stop the workers at once.</summary>
    protected override void StopProcessing()
    {
        CancelWork();
        base.StopProcessing();
    }

    /// <summary>Cancels background work; derived classes stop their workers here.</summary>
    protected virtual void CancelWork()
    {
        try { _cancellation.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>A file-system path from a PowerShell path, relative to the current location, not required to exist.</summary>
    protected string ResolveLiteralPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>The workspace folder: the given path, else the current file-system location.</summary>
    protected string ResolveWorkspace(string? workspace) =>
        string.IsNullOrEmpty(workspace) ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : ResolveLiteralPath(workspace!);

    /// <summary>Resolves -Path values (wildcards allowed) to file-system paths; reports unmatched ones as errors.</summary>
    protected IEnumerable<string> ResolvePaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            IReadOnlyCollection<string> resolved;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(path, out var provider) is { } list && provider.Name == "FileSystem"
                    ? list
                    : throw new ArgumentException($"'{path}' is not a file-system path.");
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                continue;
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, "NotAFileSystemPath", ErrorCategory.InvalidArgument, path));
                continue;
            }
            foreach (var p in resolved) yield return p;
        }
    }

    /// <summary>Writes a verbose line prefixed with the cmdlet name, e.g. for per-stage timings.</summary>
    protected void Verbose(string message) => WriteVerbose($"{MyInvocation.MyCommand.Name}: {message}");

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CancelWork();
        DisposeWork();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases workers and other resources; called once, after <see cref="CancelWork"/>.</summary>
    protected virtual void DisposeWork() { }
}
