using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>
/// <para type="synopsis">Serves a batch's review page on 127.0.0.1, where a person can lock, exclude and un-lock photos and nudge axis emphasis; each action re-runs selection and export in seconds.</para>
/// <para type="description">Start-CurationReview reads the batch's cached stages once, builds the review page (as Export-CurationReport does, with buttons), and serves it on 127.0.0.1 at a free port (or -Port) from a background thread. It prints the URL and returns a CurationReview object; the prompt stays free. Each action on the page writes the batch's overrides file data/overrides/&lt;batch_id&gt;.json atomically (user_overrides lock_in and exclude, and axis_emphasis — the declarative inputs Select-CuratedSet reads too), re-runs Select-CuratedSet and Export-CuratedList in process from the cached moments and scores, and reloads the page. A photo dropped by the technical gate can be locked in; un-lock also takes a photo off the exclude list.</para>
/// <para type="description">Only the page itself may act: requests whose Host is not 127.0.0.1 or localhost on the server's port, whose Origin is another site, or that lack the per-server token written into the page are refused. Actions name photos by id, never by path, and nothing is served from disk. Stop the server with Stop-CurationReview; with -Wait the cmdlet blocks and Ctrl+C stops it.</para>
/// <example>
///   <code>$review = Start-CurationReview -Batch shoot-2024-09-14; Start-Process $review.Url</code>
///   <para>Serves the page and opens it in the default browser.</para>
/// </example>
/// <example>
///   <code>Start-CurationReview -Batch shoot-2024-09-14 -Port 8765 -Wait</code>
///   <para>Serves on port 8765 and prints each action until Ctrl+C.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "CurationReview", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(CurationReview))]
public sealed class StartCurationReviewCommand : ReviewBatchCmdlet
{
    /// <summary>
    /// <para type="description">Port to listen on at 127.0.0.1. Default: a free port chosen by the system.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int? Port { get; set; }

    /// <summary>
    /// <para type="description">Block until Ctrl+C (or Stop-CurationReview from elsewhere), printing each action; the server stops when the cmdlet ends.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    private CurationReview? _review;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var workspace = ResolveWorkspace(Workspace);
        if (!ShouldProcess($"batch '{Batch}' in {workspace}", "Serve the review page on 127.0.0.1; actions rewrite the overrides file, the optimizer record and the export folder")) return;
        _review = ReviewBridge.Start(this, workspace, Batch, Port ?? 0, Agreement(workspace), Distributed.DistributedBridge.Library(this, Library));
        if (_review is null) return;
        WriteInformation(new HostInformationMessage { Message = $"Review page of batch '{Batch}': {_review.Url}  (Stop-CurationReview to stop)" }, new[] { "PSHOST" });
        WriteObject(_review);
        if (!Wait) return;
        try
        {
            while (_review.IsRunning && !Cancellation.IsCancellationRequested)
            {
                Cancellation.WaitHandle.WaitOne(200);
                foreach (var line in ReviewBridge.Drain(_review)) WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
            }
        }
        finally
        {
            ReviewRegistry.Stop(_review);
        }
    }
}
