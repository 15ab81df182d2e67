using System.Collections;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Distributed;

/// <summary>
/// <para type="synopsis">Works for the studio's curation queue: runs the per-photo stages of the chunks a coordinator publishes, into the shared workspace.</para>
/// <para type="description">Start-PhotoCurationWorker connects to the RabbitMQ broker, takes chunks of listed files off the task queue (no more than -Concurrency at a time, and -Concurrency cores in all), inspects each original and runs the per-photo stages (preprocess, features, faces) on it in the same read, into the shared workspace's content-addressed cache, and sends the chunk's results back to the run's coordinator (Invoke-PhotoCuration -Broker). A chunk is acknowledged only after its cache entries are written and its result is confirmed by the broker, so a worker that dies mid-chunk loses nothing: the chunk goes to another worker. It runs until Ctrl+C or SIGTERM (a service manager stopping it), reconnects by itself after a broker restart, and prints one line per chunk. The credential comes from -Credential, the broker URI, or $env:PHOTOCURATION_BROKER_USER and $env:PHOTOCURATION_BROKER_PASSWORD, and is never printed.</para>
/// <example>
///   <code>Start-PhotoCurationWorker -Broker amqp://nas/studio -Credential $c -Workspace \\nas\curation -Library @{ archive = '\\nas\photos' } -Concurrency 14</code>
///   <para>Works for the studio's queue with 14 chunks at a time, finding the archive's photos under \\nas\photos.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "PhotoCurationWorker")]
[OutputType(typeof(void))]
public sealed class StartPhotoCurationWorkerCommand : BrokerCmdlet
{
    /// <summary>
    /// <para type="description">This machine's path to the shared workspace (the coordinator's -Workspace). Default: the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">This machine's root of each named library, e.g. @{ archive = '/mnt/photos' }: photos the coordinator lists under its own root of the same name are found here.</para>
    /// </summary>
    [Parameter]
    public Hashtable? Library { get; set; }

    /// <summary>
    /// <para type="description">The cores this worker uses: it holds and works on that many chunks at a time, each one photo at a time on one thread, with libvips on one thread per operation and ONNX Runtime's intra-op threads = cores ÷ chunks (1). Default: the processors .NET reports (logical processors, within a container's CPU limit): 8 on an 8-core machine, 16 on a 16-core one. On a workstation someone uses, give it fewer (cores − 2).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <inheritdoc />
    protected override void EndProcessing() =>
        DistributedBridge.RunWorker(this, Broker, Credential, ResolveWorkspace(Workspace), Library, Concurrency, Cancellation);
}
