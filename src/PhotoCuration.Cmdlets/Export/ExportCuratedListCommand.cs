using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Export;

/// <summary>
/// <para type="synopsis">Writes a curated set as curated_list.json for the layout service, copies the picked originals as NN_name, and optionally writes XMP sidecars for Lightroom and Bridge and a CSV.</para>
/// <para type="description">Export-CuratedList takes the CuratedSet from Select-CuratedSet and writes, to data/output/&lt;batch_id&gt;/ (or -OutputPath): curated_list.json (contract: docs/curated-list.md; items in sequence order, each with its sequence (layout order: opener first, closer last), rank (quality order among the picks, 1 = best Total), rating (stars), cluster, role, the five scores and Total, the gate's verdict, diversity tags plus an axis map, reasons and artifact paths; audit with created_at, the optimizer parameters, seeds, stage timings from data/cache/timings and the LLM tokens of the ranking stage), and a byte-identical copy of each picked original named NN_&lt;name&gt; (NN = sequence number, so the files sort in layout order). The same document goes to intermediateJsons/exporter/&lt;batch_id&gt;.json. Repeating an export gives byte-identical files except audit.created_at and the timings; files that already hold the right bytes are not rewritten.</para>
/// <para type="description">-Xmp writes NN_&lt;name&gt;.xmp beside each copy: xmp:Rating from the photo's quality within the shoot, not its place in the sequence — its percentile of Total_prelim among the best kept frame of every moment of the batch: 5 stars from the 90th percentile, 4 from the 70th, 3 from the 40th, 2 from the 15th, 1 below; a photo the gate flagged gets at most 3 stars and a locked-in photo that failed the gate 1 (docs/algorithms.md#export) — xmp:Label by role (opener Red, body Green, closer Blue), the pick flag (xmpDM:pick = 1, xmpDM:good), keywords from the tags (dc:subject and lr:hierarchicalSubject under PhotoCuration; a flagged photo also gets flagged:&lt;reason&gt;, e.g. PhotoCuration|flagged|flagged:blur, and a locked-in photo that failed the gate failed_gate:&lt;reason&gt;), the reasons as dc:description, and photocuration:Rank, Sequence and Verdict. -SidecarsBesideOriginals also writes &lt;name&gt;.xmp beside each original; an existing sidecar there is never replaced without -Force (an error record names it). The originals are only ever read. Files in the export folder that an earlier export of it wrote and this one no longer has are removed (tracked in .photocuration-export.json); anything else found there is left alone and reported. Every write is atomic, and -WhatIf lists each write without doing any.</para>
/// <example>
///   <code>$set | Export-CuratedList -Xmp -Csv</code>
///   <para>Writes curated_list.json, curated_list.csv, the copies and their sidecars to data/output/&lt;batch_id&gt;.</para>
/// </example>
/// <example>
///   <code>$set | Export-CuratedList -OutputPath ~/Desktop/book -PassThru | Select-Object Name, Length</code>
///   <para>Exports to another folder and lists the files written.</para>
/// </example>
/// <example>
///   <code>$set | Export-CuratedList -SidecarsBesideOriginals -WhatIf</code>
///   <para>Shows which sidecars would be written beside the originals, writing nothing.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsData.Export, "CuratedList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportCuratedListCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">The curated set, from Select-CuratedSet.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public CuratedSet InputObject { get; set; } = new();

    /// <summary>
    /// <para type="description">Workspace of the batch (stage JSON, timings, derived images). Default: the set's own workspace (or its photos'), else the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Folder to export to. Default: data/output/&lt;batch_id&gt; in the workspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputPath { get; set; }

    /// <summary>
    /// <para type="description">Write an XMP sidecar (rating, colour label, pick flag, keywords, reasons) beside each exported copy.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Xmp { get; set; }

    /// <summary>
    /// <para type="description">Also write an XMP sidecar beside each original (name.xmp), for a catalog that holds the originals. An existing sidecar is never replaced without -Force.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter SidecarsBesideOriginals { get; set; }

    /// <summary>
    /// <para type="description">Also write curated_list.csv (UTF-8 with BOM, one row per pick) for spreadsheets.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Csv { get; set; }

    /// <summary>
    /// <para type="description">Replace existing sidecars beside the originals, and files in the export folder that no earlier export to it wrote.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// <para type="description">Time recorded as audit.created_at. Default: now. Fix it to make two exports byte-identical.</para>
    /// </summary>
    [Parameter]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// <para type="description">Emit the files of the export (written or already up to date) as FileInfo objects.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var set = InputObject;
        var ownWorkspace = !string.IsNullOrEmpty(set.Workspace) ? set.Workspace
            : set.Items.Select(i => i?.Photo?.Workspace).FirstOrDefault(w => !string.IsNullOrEmpty(w));
        var workspace = ResolveWorkspace(Workspace ?? ownWorkspace);
        var files = ExportBridge.Export(this, set, workspace, OutputPath is null ? null : ResolveLiteralPath(OutputPath),
            Xmp, SidecarsBesideOriginals, Csv, Force, MyInvocation.BoundParameters.ContainsKey(nameof(CreatedAt)) ? CreatedAt : DateTimeOffset.UtcNow);
        if (PassThru)
        {
            foreach (var file in files) WriteObject(new FileInfo(file));
        }
    }
}
