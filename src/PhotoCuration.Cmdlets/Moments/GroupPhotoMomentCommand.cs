using System.Diagnostics;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Moments;

/// <summary>
/// <para type="synopsis">Groups frames of the same moment (bursts, near-duplicates, the same scene seconds apart) and ranks each moment: the hero and its alternates, with the reason each lost.</para>
/// <para type="description">Group-PhotoMoment gathers the scored photos of the pipeline and links two frames when they are close in capture time (the theme's moments.time_gap_seconds, default 20 s) and visually near: the mean pHash/dHash distance within moments.phash_max_distance (default 12 bits of 64), a crop or small shift up to 1.5 times that when the palettes agree, or the CLIP cosine when embeddings exist. Photos without a capture time are grouped on visual evidence alone, with a stricter threshold. Exact duplicates always join their original and count once. Pairs are drawn from a time window and from hash buckets, never all pairs, so tens of thousands of photos group in seconds.</para>
/// <para type="description">Moments are numbered m_0001… in capture-time order. Each is ranked by Total_prelim (ties by photo id); Rationales says why the hero leads and why every other frame lost (e.g. "softer than hero: sharpness 0.41 vs 0.78"). -AutoThreshold calibrates the visual threshold from the shoot itself (frames seconds apart against frames hours apart) and reports the threshold it chose. -Verbose reports the distances inside and between moments; intermediateJsons/clustering/&lt;batch_id&gt;.json records the parameters, every accepted link and each moment's nearest outside frame.</para>
/// <para type="description">Emits one PhotoMoment per moment; with -PassThru it emits the member photos instead (MomentId set, best first), shown grouped by moment.</para>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore | Group-PhotoMoment</code>
///   <para>Groups a scored shoot into moments and lists them with their heroes.</para>
/// </example>
/// <example>
///   <code>$photos | Group-PhotoMoment -TimeGapSeconds 5 -MaxHashDistance 8 -PassThru</code>
///   <para>Groups with tighter thresholds and shows every frame under its moment.</para>
/// </example>
/// <example>
///   <code>($photos | Group-PhotoMoment -AutoThreshold -Verbose | Where-Object Count -gt 1)[0].Rationales</code>
///   <para>Calibrates the threshold on this shoot, then shows why the frames of the first burst rank as they do.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsData.Group, "PhotoMoment", DefaultParameterSetName = "Moment")]
[OutputType(typeof(PhotoMoment), ParameterSetName = new[] { "Moment" })]
[OutputType(typeof(Photo), ParameterSetName = new[] { "PassThru" })]
public sealed class GroupPhotoMomentCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">The scored photos, from Measure-PhotoScore or Import-PhotoStage.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public Photo[] InputObject { get; set; } = Array.Empty<Photo>();

    /// <summary>
    /// <para type="description">Theme name (from the workspace's data/themes) or theme.yaml path; its moments section gives the default thresholds. Default: the built-in theme.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Largest capture-time gap, in seconds, between two linked frames. Overrides the theme's moments.time_gap_seconds.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double? TimeGapSeconds { get; set; }

    /// <summary>
    /// <para type="description">Largest mean pHash/dHash distance (bits of 64) between two linked frames. Overrides the theme's moments.phash_max_distance.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 64.0)]
    public double? MaxHashDistance { get; set; }

    /// <summary>
    /// <para type="description">Smallest CLIP cosine between two linked frames when both have embeddings. Overrides the theme's moments.min_cosine.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(-1.0, 1.0)]
    public double? MinCosine { get; set; }

    /// <summary>
    /// <para type="description">Calibrate the visual threshold from this shoot (frames seconds apart against frames hours apart) instead of the theme's; the chosen threshold is reported. Ignored when -MaxHashDistance is given.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AutoThreshold { get; set; }

    /// <summary>
    /// <para type="description">Emit the member photos (MomentId set, each moment best first) instead of the moments.</para>
    /// </summary>
    [Parameter(ParameterSetName = "PassThru")]
    public SwitchParameter PassThru { get; set; }

    /// <summary>
    /// <para type="description">Workspace folder to write the clustering stage JSON into. Default: the photos' own workspace, else the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    private readonly BatchCollector<Photo> _photos = new();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var explicitWorkspace = Workspace is null ? null : ResolveWorkspace(Workspace);
        foreach (var photo in InputObject)
        {
            if (photo.Features is null)
            {
                WriteError(MomentBridge.NotMeasured(photo));
                continue;
            }
            var workspace = explicitWorkspace ?? (string.IsNullOrEmpty(photo.Workspace) ? ResolveWorkspace(null) : photo.Workspace);
            photo.Workspace = workspace;
            _photos.Add(workspace, photo.BatchId, photo);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        foreach (var (workspace, batchId, photos) in _photos.Batches())
        {
            Cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var result = MomentBridge.Run(this, workspace, batchId, photos, Theme, TimeGapSeconds, MaxHashDistance, MinCosine, AutoThreshold && MaxHashDistance is null);
            MomentBridge.RecordTiming(workspace, batchId, clock.ElapsedMilliseconds);
            foreach (var line in result.Report) Verbose(line);
            Verbose($"{batchId}: {photos.Count} photos in {result.Moments.Count} moments in {clock.ElapsedMilliseconds} ms; wrote {result.StageJson}");
            foreach (var moment in result.Moments)
            {
                if (PassThru)
                {
                    foreach (var r in moment.Rationales)
                    {
                        WriteObject(MomentBridge.AsMomentRow(moment.Members[r.Rank - 1], r));
                    }
                }
                else
                {
                    WriteObject(moment);
                }
            }
        }
    }
}
