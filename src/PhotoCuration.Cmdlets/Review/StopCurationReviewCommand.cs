using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>
/// <para type="synopsis">Stops review servers started by Start-CurationReview.</para>
/// <para type="description">Stop-CurationReview stops the servers piped to it, those of a batch (-Batch), or, with neither, every review server started in this session. The request in progress finishes first; the overrides file and the last selection and export stay as they are.</para>
/// <example>
///   <code>$review | Stop-CurationReview</code>
///   <para>Stops one server.</para>
/// </example>
/// <example>
///   <code>Stop-CurationReview</code>
///   <para>Stops every review server of this session.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "CurationReview", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "All")]
[OutputType(typeof(CurationReview))]
public sealed class StopCurationReviewCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Servers to stop, from Start-CurationReview.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Object")]
    [ValidateNotNull]
    public CurationReview[] InputObject { get; set; } = Array.Empty<CurationReview>();

    /// <summary>
    /// <para type="description">Stops the servers of this batch id.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "Batch")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Ingest.BatchIdCompleter))]
    public string Batch { get; set; } = "";

    /// <summary>
    /// <para type="description">Emits each stopped server's record.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var targets = ParameterSetName switch
        {
            "Object" => InputObject.ToList(),
            "Batch" => ReviewRegistry.All.Where(r => string.Equals(r.BatchId, Batch, StringComparison.Ordinal)).ToList(),
            _ => ReviewRegistry.All.ToList(),
        };
        foreach (var review in targets)
        {
            if (!ShouldProcess(review.Url, $"Stop the review server of batch '{review.BatchId}'")) continue;
            ReviewRegistry.Stop(review);
            Verbose($"stopped {review.Url} (batch {review.BatchId}, {review.Actions} action(s))");
            if (PassThru) WriteObject(review);
        }
    }
}
