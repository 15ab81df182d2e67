using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Taste;

/// <summary>
/// <para type="synopsis">Measures how a curation run agrees with the photographer's own decisions (XMP ratings, labels, pick flags).</para>
/// <para type="description">Measure-CurationAgreement reads the photographer's decisions from -Reference (folders or files; XMP sidecars NAME.EXT.xmp or NAME.xmp, else XMP embedded in JPEG, PNG, TIFF or DNG: xmp:Rating with -1 as rejected, xmp:Label, xmpDM:pick, digiKam:PickLabel) and compares them with the batch's run in the workspace (scoring, moments, curated set). Photos are matched by path, else by file name. It returns a CurationAgreement: precision, recall and F1 of the curated set against the picks, precision of the top photos by Total at the photographer's count, hero agreement per moment, within-moment pairwise accuracy, Kendall's tau-b between Total and the ratings, pick-vs-reject and pick-vs-rest AUC, and the photos where the two disagree most with both sides' reasons. The same object is written as JSON to data/agreement/&lt;batch_id&gt;.json in the workspace, atomically. A damaged or foreign XMP file is one error for that file; the rest is read.</para>
/// <example>
///   <code>Measure-CurationAgreement -Batch shoot-2024-09-14 -Reference ./shoot</code>
///   <para>Compares the batch of the current workspace with the ratings and flags in ./shoot's sidecars; picks are the pick flags, else the top rated tier.</para>
/// </example>
/// <example>
///   <code>Measure-CurationAgreement -Workspace ./ws -Batch b1 -Reference ./lightroom-export -PickRating 3 | Select-Object -ExpandProperty Disagreements</code>
///   <para>Counts 3 stars and up as picks and lists the photos where the run and the photographer disagree most.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "CurationAgreement")]
[OutputType(typeof(CurationAgreement))]
public sealed class MeasureCurationAgreementCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Batch id whose run is measured. Binds by property name (BatchId) from a CuratedSet.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("BatchId")]
    [ValidateNotNullOrEmpty]
    public string Batch { get; set; } = "";

    /// <summary>
    /// <para type="description">Folders or files holding the photographer's decisions (searched recursively).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Reference { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Workspace holding the batch's stage records. Default: the current location. Binds by property name from a CuratedSet.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Stars from which a photo counts as a pick (a pick flag always does, a reject never). Default: the pick flags when the reference has any, else its top rated tier.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 5)]
    public int PickRating { get; set; }

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '/mnt/photos' }, for a batch whose stage records name its originals archive:/relative/path: each resolves under this machine's root of that name (another OS, a moved library), so the photos match the decisions beside them by path. -Reference may name a folder of a library as name:/relative/path. Default: the roots the batch was ingested with (intermediateJsons/library/&lt;batch_id&gt;.json). A photo in a library with no root here is an UnknownLibrary error (about_PhotoCuration_Library).</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var reference = Distributed.DistributedBridge.ResolveLibraryPaths(this, Library, Reference).Select(ResolveLiteralPath).ToList();
        var pickRating = MyInvocation.BoundParameters.ContainsKey(nameof(PickRating)) ? PickRating : (int?)null;
        if (TasteBridge.Measure(this, ResolveWorkspace(Workspace), Batch, reference, pickRating, Distributed.DistributedBridge.Library(this, Library)) is { } agreement) WriteObject(agreement);
    }
}
