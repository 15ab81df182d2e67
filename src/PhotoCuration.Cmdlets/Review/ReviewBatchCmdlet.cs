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
    /// <para type="description">Thumbnails made at once while Export-CurationReport builds its page (default: the number of cores). Start-CurationReview makes them on one background thread, and any the browser asks for first on request.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// <para type="description">Folders or files holding the photographer's own decisions (XMP ratings, labels, pick flags): the page shows how the run agrees with them, as Measure-CurationAgreement measures it (precision, recall, F1, hero agreement, tau-b, AUC and the photos where the two disagree most, with both sides' reasons); the agreement report is written to data/agreement/&lt;batch_id&gt;.json. Without -Reference, the page shows the report an earlier Measure-CurationAgreement wrote, if any.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Reference { get; set; }

    /// <summary>
    /// <para type="description">With -Reference: stars from which a photo counts as a pick (as Measure-CurationAgreement's -PickRating).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 5)]
    public int PickRating { get; set; }

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '/mnt/photos' }, for a batch whose stage records name its originals archive:/relative/path: each resolves under this machine's root of that name (another OS, a moved library), for the page's photos, the exports its actions re-run (copies of the picked originals) and -Reference matching. -Reference may name a folder of a library as name:/relative/path. Default: the roots the batch was ingested with (intermediateJsons/library/&lt;batch_id&gt;.json). A photo in a library with no root here is an UnknownLibrary error (about_PhotoCuration_Library).</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    /// <summary>The agreement the page shows (measured with -Reference, else the batch's report), or null; problems are written as errors and warnings.</summary>
    internal CurationAgreement? Agreement(string workspace) =>
        ReviewInput.Agreement(this, workspace, Batch, Reference is null ? null : Distributed.DistributedBridge.ResolveLibraryPaths(this, Library, Reference).Select(ResolveLiteralPath).ToList(),
            MyInvocation.BoundParameters.ContainsKey(nameof(PickRating)) ? PickRating : null, Distributed.DistributedBridge.Library(this, Library));
}
