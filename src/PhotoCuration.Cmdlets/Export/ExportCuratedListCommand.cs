using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Export;

/// <summary>
/// <para type="synopsis">Writes a curated set as curated_list.json for the layout service, copies the picked originals as NN_name, and optionally writes XMP (inside the copies, or in sidecars) for Lightroom, darktable and digiKam, and a CSV.</para>
/// <para type="description">Export-CuratedList takes the CuratedSet from Select-CuratedSet and writes, to data/output/&lt;batch_id&gt;/ (or -OutputPath): curated_list.json (contract: docs/curated-list.md; items in sequence order, each with its sequence (layout order: opener first, closer last), rank (quality order among the picks, 1 = best Total), rating (stars), cluster, role, the five scores and Total, the gate's verdict, diversity tags plus an axis map, reasons and artifact paths; audit with created_at, the optimizer parameters, seeds, stage timings from data/cache/timings and the LLM tokens of the ranking stage), and a byte-identical copy of each picked original named NN_&lt;name&gt; (NN = sequence number, so the files sort in layout order). The same document goes to intermediateJsons/exporter/&lt;batch_id&gt;.json. Repeating an export gives byte-identical files except audit.created_at and the timings; files that already hold the right bytes are not rewritten.</para>
/// <para type="description">-Xmp puts XMP inside each JPEG, PNG, TIFF and DNG copy (an APP1 segment, an iTXt chunk, TIFF tag 700; every byte of the original outside the XMP packet is kept, and the original's own XMP fields are merged, not replaced) and writes a sidecar beside other RAW copies (NN_&lt;name&gt;.xmp, or NN_&lt;name&gt;.&lt;ext&gt;.xmp with -SidecarNaming Darktable, starting from the original's own sidecar when it has one). It holds xmp:Rating from the photo's quality within the shoot, not its place in the sequence — its percentile of Total_prelim among the best kept frame of every moment of the batch: 5 stars from the 90th percentile, 4 from the 70th, 3 from the 40th, 2 from the 15th, 1 below; a photo the gate flagged gets at most 3 stars and a locked-in photo that failed the gate 1 (docs/algorithms.md#export) — xmp:Label by role (opener Red, body Green, closer Blue), the pick flag (xmpDM:pick = 1, xmpDM:good), and the curation in PhotoCuration's namespace (urn:uuid:6f1d3a52-8c1e-4d8e-9b3a-2f61c7a4e0b9#xmp-1.0/, prefix photocuration: Rank, Sequence, Role, Verdict, PhotoId, MomentId, the scores, and Reasons). dc:description (Lightroom's caption) is never written. -Keywords adds keywords a person searches by, -FaceRegions the faces as MWG regions, -MarkRejects a sidecar with xmp:Rating -1 beside each original the gate dropped (docs/metadata.md). -SidecarsBesideOriginals also writes a sidecar beside each picked original; an existing sidecar there is never replaced without -Force, and with -Force our fields are merged into it. The originals are only ever read. Files in the export folder that an earlier export of it wrote are removed only when their pick left the set (tracked in .photocuration-export.json): an export without -Xmp or -Csv keeps the XMP and CSV an earlier export wrote for the same picks; anything else found there is left alone and reported. Every write is atomic, and -WhatIf lists each write without doing any.</para>
/// <example>
///   <code>$set | Export-CuratedList -Xmp -Csv</code>
///   <para>Writes curated_list.json, curated_list.csv and the copies (XMP inside JPEG/PNG/TIFF/DNG, sidecars beside other RAW files) to data/output/&lt;batch_id&gt;.</para>
/// </example>
/// <example>
///   <code>$set | Export-CuratedList -SidecarsBesideOriginals -SidecarNaming Darktable -MarkRejects -Keywords</code>
///   <para>Also writes IMG_1671.CR2.xmp beside each picked original and beside each photo the gate dropped (rating -1), for darktable or digiKam.</para>
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
[OutputType(typeof(ExportedCuratedList), typeof(FileInfo))]
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
    /// <para type="description">Write XMP (stars, colour label, pick flag, the curation in PhotoCuration's own namespace) for each exported copy: inside JPEG, PNG, TIFF and DNG copies (where Lightroom reads it; every other byte of the original is kept), in a sidecar beside other RAW copies.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Xmp { get; set; }

    /// <summary>
    /// <para type="description">How sidecars are named: Adobe (NAME.xmp, Lightroom and Bridge; the default) or Darktable (NAME.EXT.xmp, darktable and digiKam).</para>
    /// </summary>
    [Parameter]
    [ValidateSet("Adobe", "Darktable")]
    public string SidecarNaming { get; set; } = "Adobe";

    /// <summary>
    /// <para type="description">Also write keywords (dc:subject) a person searches by: the time of day in words (night, golden hour) and a scene label a model gave. Internal names (roles, axis:value tags, numbered groups) are never keywords.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Keywords { get; set; }

    /// <summary>
    /// <para type="description">Also write the faces Find-PhotoFace found as MWG face regions (mwg-rs:Regions), which Lightroom and digiKam show. Regions already in the file are kept, never replaced.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter FaceRegions { get; set; }

    /// <summary>
    /// <para type="description">Mark the photos the technical gate dropped as rejects: a sidecar with xmp:Rating -1 and the gate's reasons beside each such original (never beside a locked-in photo). An existing sidecar is never replaced without -Force.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter MarkRejects { get; set; }

    /// <summary>
    /// <para type="description">Also write an XMP sidecar beside each picked original (named by -SidecarNaming), for a catalog that holds the originals. An existing sidecar is never replaced without -Force; with -Force our fields are merged into it and its other fields kept.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter SidecarsBesideOriginals { get; set; }

    /// <summary>
    /// <para type="description">Also write curated_list.csv (UTF-8 with BOM, one row per pick) for spreadsheets.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Csv { get; set; }

    /// <summary>
    /// <para type="description">Merge into existing sidecars beside the originals (their other fields are kept), and replace files in the export folder that no earlier export to it wrote.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// <para type="description">Time recorded as audit.created_at. Default: now. Fix it to make two exports byte-identical.</para>
    /// </summary>
    [Parameter]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '/mnt/photos' }, for originals recorded as archive:/relative/path: each pick recorded so (its LibraryPath) is copied from this machine's root of that name (a set made on another machine or before the library moved), and -MarkRejects finds the rejected originals of the batch's ingest record there. Default: the picks' paths as the set brings them, and for -MarkRejects the roots the batch was ingested with. A pick in a library with no root here is an UnknownLibrary error and the set is not exported (about_PhotoCuration_Library).</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    /// <summary>
    /// <para type="description">Emit the files of the export (written or already up to date) as FileInfo objects.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var set = InputObject;
        if (!string.IsNullOrEmpty(set.RunName))
        {
            WriteWarning($"Exporting the set of run '{set.RunName}' of batch '{set.BatchId}' (curated_list.json records it as audit.run); the batch's review page shows its main run.");
        }
        var ownWorkspace = !string.IsNullOrEmpty(set.Workspace) ? set.Workspace
            : set.Items.Select(i => i?.Photo?.Workspace).FirstOrDefault(w => !string.IsNullOrEmpty(w));
        var workspace = ResolveWorkspace(Workspace ?? ownWorkspace);
        var request = new ExportRequest(Xmp, SidecarNaming, Keywords, FaceRegions, MarkRejects, SidecarsBesideOriginals, Csv, Force,
            MyInvocation.BoundParameters.ContainsKey(nameof(CreatedAt)) ? CreatedAt : DateTimeOffset.UtcNow, Library);
        // Every pick is copied: one whose original cannot be placed under -Library leaves the set unexported (an error per such pick).
        var relocation = new Distributed.PhotoRelocation(this, Library);
        if (!set.Items.Where(i => i?.Photo is not null).Select(i => relocation.Place(i.Photo)).ToList().TrueForAll(placed => placed)) return;
        var files = ExportBridge.Export(this, set, workspace, OutputPath is null ? null : ResolveLiteralPath(OutputPath), request);
        if (PassThru)
        {
            foreach (var file in files) FileItems.Write(this, file);
            return;
        }
        // Without -PassThru the pipeline still ends by saying where the files went.
        var list = files.FirstOrDefault(f => string.Equals(System.IO.Path.GetFileName(f), "curated_list.json", StringComparison.Ordinal));
        if (list is null) return;   // -WhatIf, or nothing could be written (each problem has its error)
        WriteObject(new ExportedCuratedList
        {
            BatchId = set.BatchId,
            RunName = set.RunName,
            OutputPath = System.IO.Path.GetDirectoryName(list)!,
            CuratedListPath = list,
            Photos = set.Count,
            Files = files.ToArray(),
        });
    }
}
