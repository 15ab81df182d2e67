using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Stages;

/// <summary>
/// <para type="synopsis">Rebuilds the typed objects of a stage from its stage JSON, so CI steps can run the stages separately and filter between them.</para>
/// <para type="description">Import-PhotoStage reads intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json and emits what that stage emitted: for ingest, preprocess, features and scoring records, full Photo objects rebuilt by joining the earlier stage records of the same batch in the same workspace (ingest: file, EXIF, lock-in, exclude, duplicates; preprocess: derived images and sizes; features: every feature value; scoring: the five scores, Total, the gate and its reasons). Score components (Score.Explain()) are recomputed from the features under the recorded theme, found by its hash, and kept only when they reproduce the recorded scores.</para>
/// <para type="description">For a clustering record it emits the PhotoMoment objects (members in ranked order, hero, alternates, rationales), for a ranking record the same moments in the judge's order, for an optimizer record the CuratedSet (picks in rank order with roles, gains, tags and reasons), and for an exporter record the CuratedSet that was exported (it must be the batch's last selection), each joined with the scored photos of the batch.</para>
/// <para type="description">The stage is read from the document's "stage" field. The photos come in ingest order, duplicates included; photos the technical gate dropped come only with -IncludeDropped. The rebuilt photos feed the next cmdlet exactly like live ones: Get-PhotoFeatures and Invoke-Preprocess read their caches. A missing earlier stage file, an unknown stage or malformed JSON is an error record with the stage file as target; the next file goes on. Nothing is written.</para>
/// <example>
///   <code>Import-PhotoStage intermediateJsons/scoring/b1.json | Where-Object QTech -gt 0.6 | Sort-Object Total -Descending</code>
///   <para>Rebuilds the scored photos of batch b1 and keeps the technically strong ones.</para>
/// </example>
/// <example>
///   <code>Import-PhotoStage ./work/intermediateJsons/preprocess/b1.json | Get-PhotoFeatures | Measure-PhotoScore -Theme autumn-editorial</code>
///   <para>A CI step that continues a batch from its preprocess record (features come from the cache when present).</para>
/// </example>
/// <example>
///   <code>Import-PhotoStage ./work/intermediateJsons/clustering/b1.json | Select-CuratedSet -Count 24 | Export-CuratedList -Xmp</code>
///   <para>A CI step that selects and exports from the moments an earlier step grouped.</para>
/// </example>
/// <example>
///   <code>Get-ChildItem ./work/intermediateJsons/scoring/*.json | Import-PhotoStage -IncludeDropped | Group-Object { $_.Score.IsDropped }</code>
///   <para>Imports the scoring records of every batch, dropped photos included.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsData.Import, "PhotoStage")]
[OutputType(typeof(Photo), typeof(PhotoMoment), typeof(CuratedSet))]
public sealed class ImportPhotoStageCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Stage JSON files (wildcards allowed), e.g. intermediateJsons/scoring/b1.json. Bound from the FullName of piped files.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Workspace whose intermediateJsons hold the earlier stage records and against which derived paths resolve. Default: the workspace the file sits in (the folder above intermediateJsons), else the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Also emit photos the technical gate dropped (Score.IsDropped).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeDropped { get; set; }

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '/mnt/photos' }, for stage JSON that records originals as archive:/relative/path: each resolves under this machine's root of that name (another OS, a moved library). Default: the roots the batch was ingested with (intermediateJsons/library/&lt;batch_id&gt;.json). A photo in a library with no root is an UnknownLibrary error (about_PhotoCuration_Library).</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var file in ResolvePaths(Path))
        {
            if (Cancellation.IsCancellationRequested) return;
            var workspace = Workspace is null ? StageImportBridge.WorkspaceOf(file, ResolveWorkspace(null)) : ResolveWorkspace(Workspace);
            var count = 0;
            try
            {
                foreach (var item in StageImportBridge.Import(this, file, workspace, IncludeDropped, Library, e => WriteError(ErrorRecords.ForPhoto(e, e.FilePath)), WriteWarning))
                {
                    if (Cancellation.IsCancellationRequested) return;
                    WriteObject(item);
                    count++;
                }
                Verbose($"{count} object(s) from {file} (workspace {workspace})");
            }
            catch (Engine.Core.PhotoInputException ex)
            {
                WriteError(ErrorRecords.ForPhoto(ex, ex.FilePath));
            }
        }
    }
}
