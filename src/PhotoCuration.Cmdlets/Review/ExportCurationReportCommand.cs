using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>
/// <para type="synopsis">Writes the review page of a batch: one self-contained HTML file that shows why each photo was picked or dropped.</para>
/// <para type="description">Export-CurationReport reads the batch's cached stage records (scoring, clustering, ranking, optimizer) and writes one HTML file with inline style and script and the thumbnails embedded as data: URIs, so it opens from disk with no network: why-cards for the selection in rank order (thumbnail, role, bars for Q_tech, Aesthetic, Vibe, Typography, Composition and Total, diversity tags, reasons, the moment's other frames), a coverage heat map per axis, the moments with hero and alternates, the photos the technical gate dropped with their reasons, the excluded photos, and the run's parameters, timings and LLM judge costs. It reads on a laptop and at phone width. Every string from a file or EXIF (names, descriptions, camera strings) is escaped.</para>
/// <para type="description">With -Reference (folders of the photographer's own rated or flagged photos), the page also shows how the run agrees with them, as Measure-CurationAgreement measures it; without it, the report an earlier Measure-CurationAgreement wrote for the batch is shown when there is one.</para>
/// <para type="description">The exported page has no buttons; to lock, exclude and nudge axis emphasis, serve the page with Start-CurationReview. An existing file is replaced only when an earlier Export-CurationReport wrote it, or with -Force.</para>
/// <example>
///   <code>Export-CurationReport -Batch shoot-2024-09-14 -OutFile report.html</code>
///   <para>Writes report.html for the batch of the current workspace.</para>
/// </example>
/// <example>
///   <code>Export-CurationReport -Batch shoot-2024-09-14 -Reference ./lightroom-export</code>
///   <para>Writes the page with a section on how the picks agree with the ratings and flags in ./lightroom-export's XMP.</para>
/// </example>
/// <example>
///   <code>Invoke-PhotoCuration ./shoot -Count 24 | Select-Object -ExpandProperty CuratedSet | Export-CurationReport</code>
///   <para>Curates a shoot and writes the page to data/output/&lt;batch_id&gt;/review.html (batch and workspace come from the set).</para>
/// </example>
/// </summary>
[Cmdlet(VerbsData.Export, "CurationReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class ExportCurationReportCommand : ReviewBatchCmdlet
{
    /// <summary>
    /// <para type="description">HTML file to write. Default: data/output/&lt;batch_id&gt;/review.html in the workspace.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    /// <summary>
    /// <para type="description">Replace -OutFile even when it was not written by Export-CurationReport.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private readonly List<(string Workspace, string Batch)> _batches = new();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var key = (ResolveWorkspace(Workspace), Batch);
        if (!_batches.Contains(key)) _batches.Add(key);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        foreach (var (workspace, batch) in _batches)
        {
            Cancellation.ThrowIfCancellationRequested();
            var target = OutFile is null ? ReportBridge.DefaultPath(this, workspace, batch) : ResolveLiteralPath(OutFile);
            if (target is null) continue;
            if (_batches.Count > 1 && OutFile is not null)
            {
                WriteError(new ErrorRecord(new ArgumentException("-OutFile names one file, but the pipeline brought several batches; leave -OutFile out to write each batch's own page."),
                    "OutFileForSeveralBatches", ErrorCategory.InvalidArgument, OutFile));
                return;
            }
            if (File.Exists(target) && !Force && !ReportBridge.IsOurs(target))
            {
                WriteError(new ErrorRecord(new IOException($"'{target}' exists and was not written by Export-CurationReport; it is left as it is. Use -Force to replace it."),
                    "ReportTargetExists", ErrorCategory.ResourceExists, target));
                continue;
            }
            if (!ShouldProcess(target, $"Write the review page of batch '{batch}'")) continue;
            if (ReportBridge.Write(this, workspace, batch, target, ThrottleLimit, Cancellation, Agreement(workspace), Distributed.DistributedBridge.Library(this, Library)) is { } file) FileItems.Write(this, file.FullName);
        }
    }
}
