using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.InteropServices;
using PhotoCuration.Engine.Distributed;

namespace PhotoCuration.Cmdlets.Distributed;

/// <summary>Carries -Broker, -Credential and -Library into the engine (keeps engine types out of the public cmdlet classes).</summary>
internal static class DistributedBridge
{
    /// <summary>The broker endpoint, the credential from -Credential, else the URI or the environment. Terminating error when unusable.</summary>
    public static BrokerEndpoint Endpoint(PSCmdlet cmdlet, string broker, PSCredential? credential)
    {
        try
        {
            return BrokerEndpoint.Parse(broker, credential?.UserName, credential?.GetNetworkCredential().Password);
        }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidBroker", ErrorCategory.InvalidArgument, null));
            throw;
        }
    }

    public static LibraryRoots Library(PSCmdlet cmdlet, Hashtable? library)
    {
        if (library is null || library.Count == 0) return LibraryRoots.None;
        try
        {
            return new LibraryRoots(library.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>(
                e.Key.ToString() ?? "", cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(e.Value?.ToString() ?? ""))));
        }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidLibrary", ErrorCategory.InvalidArgument, library));
            throw;
        }
    }

    /// <summary>
    /// The paths with each <c>name:/relative</c> of a -Library root made this machine's path (e.g.
    /// <c>-Path archive:/2019</c>); other paths are left for the shell to resolve as usual.
    /// </summary>
    public static string[] ResolveLibraryPaths(PSCmdlet cmdlet, Hashtable? library, string[] paths)
    {
        if (library is null || library.Count == 0) return paths;
        var roots = Library(cmdlet, library);
        try
        {
            return paths.Select(p => roots.Resolve(p) ?? p).ToArray();
        }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "OutsideLibrary", ErrorCategory.InvalidArgument, paths));
            throw;
        }
    }

    public static DistributedRequest? Request(PSCmdlet cmdlet, string? broker, PSCredential? credential, Hashtable? library) =>
        broker is null ? null : new DistributedRequest(Endpoint(cmdlet, broker, credential), Library(cmdlet, library));

    /// <summary>
    /// Runs a worker until Ctrl+C (the cmdlet's token) or SIGTERM (a service manager stopping it); its log
    /// lines are written as host information on the pipeline thread.
    /// </summary>
    public static void RunWorker(PSCmdlet cmdlet, string broker, PSCredential? credential, string workspace, Hashtable? library, int concurrency, CancellationToken cancellation)
    {
        var endpoint = Endpoint(cmdlet, broker, credential);
        var roots = Library(cmdlet, library);
        var lines = new ConcurrentQueue<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var chain = new WorkerChain(workspace, roots, Models.ModelsBridge.ModuleModelsDir, concurrency, lines.Enqueue);
        var worker = new CurationWorker(endpoint, chain, concurrency, line => lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss} {line}"));
        var task = Task.Run(() => worker.RunAsync(stop.Token));
        while (!task.IsCompleted)
        {
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(200);
            while (lines.TryDequeue(out var line)) Say(cmdlet, line);
        }
        while (lines.TryDequeue(out var line)) Say(cmdlet, line);
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (BrokerException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "BrokerUnavailable", ErrorCategory.ConnectionError, endpoint.Display));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static CurationQueueStatus Inspect(PSCmdlet cmdlet, string broker, PSCredential? credential, TimeSpan sample, CancellationToken cancellation)
    {
        var endpoint = Endpoint(cmdlet, broker, credential);
        try
        {
            return QueueInspector.Inspect(endpoint, sample, cancellation);
        }
        catch (BrokerException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "BrokerUnavailable", ErrorCategory.ConnectionError, endpoint.Display));
            throw;
        }
    }

    private static void Say(PSCmdlet cmdlet, string line) =>
        cmdlet.WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
}
