using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Orchestration;

/// <summary>
/// <para type="synopsis">Curates a shoot in one call: import, preprocess, features, scores, moments, (optional judge,) selection and export, resumable from the cache.</para>
/// <para type="description">Invoke-PhotoCuration runs the whole chain on a folder — Import-PhotoBatch, Invoke-Preprocess, Get-PhotoFeatures, Measure-PhotoScore, Group-PhotoMoment, Invoke-MomentRanking (only with -Judge OpenAI), Select-CuratedSet and Export-CuratedList — writing every stage JSON under intermediateJsons/ and the curated list under data/output/&lt;batch_id&gt;/. It is resumable: a re-run on the same workspace reads every per-photo stage from the content-addressed cache, so only changed or new photos are computed. A progress bar runs over the stages (each stage's own progress nests under it); -Verbose reports each stage's time.</para>
/// <para type="description">When the batch has an overrides file (data/overrides/&lt;batch_id&gt;.json, written by the review page), its lock-in and exclude lists apply before the technical gate, so a locked photo is never dropped and an excluded one never selected, and its axis emphasis applies to the selection.</para>
/// <para type="description">Bad files get their error records and the run goes on. At the end it emits a CurationSummary: photos imported, failed, kept and dropped by the technical gate, moments and grouped frames, photos selected, the time of each stage and the path of curated_list.json; its CuratedSet property holds the selection.</para>
/// <example>
///   <code>Invoke-PhotoCuration -Path ./shoot -Count 40 -Workspace ./work</code>
///   <para>Curates the shoot in ./shoot to 40 photos, writing everything under ./work.</para>
/// </example>
/// <example>
///   <code>Invoke-PhotoCuration ./shoot -Theme autumn-editorial -Xmp -Verbose</code>
///   <para>Curates under a theme from data/themes, writes XMP for Lightroom (inside the JPEG, PNG, TIFF and DNG copies; sidecars beside other RAW copies), and reports stage timings.</para>
/// </example>
/// <example>
///   <code>Invoke-PhotoCuration -Path archive:/2019 -Recurse -Broker amqp://nas/studio -Credential $c -Workspace \\nas\curation -Library @{ archive = '\\nas\photos' } -Count 400</code>
///   <para>Curates the archive's 2019 folder with the studio's workers (Start-PhotoCurationWorker): this machine lists the files, the workers read each photo once for the per-photo stages, and the outputs are the same as a local run's.</para>
/// </example>
/// <example>
///   <code>(Invoke-PhotoCuration ./shoot).CuratedSet</code>
///   <para>Shows the curated set as its ranked table.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PhotoCuration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PathSet)]
[OutputType(typeof(CurationSummary))]
public sealed class InvokePhotoCurationCommand : PhotoCmdletBase
{
    private const string PathSet = "Path";
    private const string BatchFileSet = "BatchFile";

    /// <summary>
    /// <para type="description">Folders or files of the shoot (wildcards allowed). Nothing under them is ever written.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">An ingest_input.json (see New-PhotoBatchInput) listing the photos, batch id, theme and lock-in/exclude lists, instead of -Path.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = BatchFileSet)]
    [ValidateNotNullOrEmpty]
    public string BatchFile { get; set; } = "";

    /// <summary>
    /// <para type="description">Photos to lock in: always kept, never dropped by the gate. File names (wildcards allowed), full paths or photo ids.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Ingest.BatchFileNameCompleter))]
    public string[]? LockIn { get; set; }

    /// <summary>
    /// <para type="description">Photos never to select. File names (wildcards allowed), full paths or photo ids. Exclude wins over lock-in.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Ingest.BatchFileNameCompleter))]
    public string[]? ExcludePhoto { get; set; }

    /// <summary>
    /// <para type="description">Photos one moment may give to the set. Default: the theme's (or the review page's) value.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int? MaxPerMoment { get; set; }

    /// <summary>
    /// <para type="description">Weight of diversity against quality in the selection (0 = by quality alone). Default: the theme's.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double? DiversityWeight { get; set; }

    /// <summary>
    /// <para type="description">Emphasis per coverage axis, e.g. @{ people = 2; scene_type = 0.5 } (0 = ignore the axis).</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Selection.AxisCompleter))]
    public System.Collections.Hashtable? AxisEmphasis { get; set; }

    /// <summary>
    /// <para type="description">Folder for curated_list.json and the exported copies. Default: data/output/&lt;batch_id&gt; of the workspace.</para>
    /// </summary>
    [Parameter]
    public string? OutputPath { get; set; }

    /// <summary>
    /// <para type="description">Also write an XMP sidecar beside each picked original (never over an existing one).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter SidecarsBesideOriginals { get; set; }

    /// <summary>
    /// <para type="description">Theme name (from the workspace's data/themes) or theme.yaml path. Default: the built-in theme.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Number of photos to select. Default: the theme's selection.count.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int? Count { get; set; }

    /// <summary>
    /// <para type="description">Workspace folder for derived images, cache, stage JSON and output. Default: the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Batch id. Default: derived from the folder name, as Import-PhotoBatch does.</para>
    /// </summary>
    [Parameter]
    public string? BatchId { get; set; }

    /// <summary>
    /// <para type="description">Include photos in subfolders.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">LLM judge for the moment ranking: None (default) or OpenAI (endpoint and key from OPENAI_BASE_URL and OPENAI_API_KEY).</para>
    /// </summary>
    [Parameter]
    [ValidateSet("None", "OpenAI")]
    public string Judge { get; set; } = "None";

    /// <summary>
    /// <para type="description">Write XMP for the exported copies (stars, colour label, pick flag, the curation): inside JPEG, PNG, TIFF and DNG copies, in a sidecar beside other RAW copies (docs/metadata.md).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Xmp { get; set; }

    /// <summary>
    /// <para type="description">Also write curated_list.csv for spreadsheets.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Csv { get; set; }

    /// <summary>
    /// <para type="description">How many photos are processed in parallel in the per-photo stages. Default: the number of processors.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// <para type="description">Run ingest's inspection and the per-photo stages on the studio's workers (Start-PhotoCurationWorker) through this RabbitMQ broker, amqp://host[:port]/vhost, each original read once by one worker; this machine lists the files, writes the stage JSON and does grouping, selection and export. The outputs are the same as without it.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Broker { get; set; }

    /// <summary>
    /// <para type="description">User and password on the -Broker. Default: the URI's user info, else $env:PHOTOCURATION_BROKER_USER and $env:PHOTOCURATION_BROKER_PASSWORD.</para>
    /// </summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '\\nas\photos' }: photos under a root are recorded as library-relative paths (archive:/2019/x.jpg, forward slashes) in the stage JSON and curated_list.json, with or without -Broker, and travel so to the workers, which resolve them under their own root of that name; later steps on any machine, or after the library moved, resolve them with their own -Library (about_PhotoCuration_Library). -Path may name a folder of a library as name:/relative/path, e.g. -Path archive:/2019.</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var workspace = ResolveWorkspace(Workspace);
        if (AxisEmphasis is not null) Selection.SelectionBridge.ValidateAxes(this, AxisEmphasis);
        var input = ParameterSetName == BatchFileSet ? CurationBridge.LoadBatchFile(this, ResolveLiteralPath(BatchFile)) : null;
        var paths = input is null ? ResolvePaths(Distributed.DistributedBridge.ResolveLibraryPaths(this, Library, Path)).ToList() : new List<string>();
        var what = input is null ? string.Join(", ", Path) : BatchFile;
        if (!ShouldProcess(workspace, $"Curate {what} into")) return;
        WriteObject(CurationBridge.Run(this, paths, input, workspace, OutputPath is null ? null : ResolveLiteralPath(OutputPath)));
    }

    internal void VerboseLine(string message) => Verbose(message);

    internal CancellationToken Token => Cancellation;
}
