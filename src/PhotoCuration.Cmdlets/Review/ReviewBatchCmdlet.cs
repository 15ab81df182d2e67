using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>
/// What the cmdlets that build a batch's review page share: the batch and workspace they read (bound by
/// property name from a CuratedSet, PhotoMoment or Photo) and how many thumbnails are made at once.
/// </summary>
public abstract class ReviewBatchCmdlet : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Batch id whose stage records the page is built from. Binds by property name (BatchId) from a CuratedSet, PhotoMoment or Photo.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("BatchId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Ingest.BatchIdCompleter))]
    public string Batch { get; set; } = "";

    /// <summary>
    /// <para type="description">Workspace holding the batch's intermediateJsons and data folders. Default: the current location. Binds by property name from pipeline objects.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Thumbnails made at once while the page is built (default: the number of cores).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;
}
