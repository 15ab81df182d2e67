using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Ingest;

/// <summary>
/// <para type="synopsis">Writes an ingest_input.json describing a batch: its photos, id, theme and lock-in/exclude lists.</para>
/// <para type="description">New-PhotoBatchInput scans folders (optionally recursively, with include/exclude wildcard patterns on file names) and writes the batch description that Import-PhotoBatch -BatchFile reads, so a batch can be reviewed, versioned, edited and re-imported in automation and CI. The file has the batch contract's shape: {"batch_id", "photos": [{"uri": …}], "theme_spec_ref", "user_overrides": {"lock_in": […], "exclude": […]}} (docs/architecture.md#batch-file). Photo locations are written as absolute file:// URIs, or with -Library as archive:/relative/path for photos under a library root, so the file works on any machine whose step is given its own -Library. With no photos found, no file is written (error NoPhotos). Nothing is decoded here; Import-PhotoBatch checks the files. The file is written atomically and an existing file is only replaced with -Force.</para>
/// <example>
///   <code>New-PhotoBatchInput -Path ~/shoot -Recurse -OutFile ingest_input.json -BatchId wedding_a -LockIn IMG_0042.jpg</code>
///   <para>Describes every photo under ~/shoot as batch wedding_a, with one photo locked in.</para>
/// </example>
/// <example>
///   <code>New-PhotoBatchInput ~/shoot -OutFile in.json; Import-PhotoBatch -BatchFile in.json | Invoke-Preprocess</code>
///   <para>Writes the batch description, then imports and preprocesses it.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.New, "PhotoBatchInput", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
[OutputType(typeof(FileInfo))]
public sealed class NewPhotoBatchInputCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Folders or files to include. Wildcards are allowed.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Folders or files to include, taken exactly as written (no wildcards). Bound from the PSPath or FullName of piped items.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "LiteralPath", ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">The ingest_input.json to write.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = "";

    /// <summary>
    /// <para type="description">Also scan subfolders.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">Only file names matching one of these wildcard patterns.</para>
    /// </summary>
    [Parameter]
    public string[]? Include { get; set; }

    /// <summary>
    /// <para type="description">Skip file names matching one of these wildcard patterns.</para>
    /// </summary>
    [Parameter]
    public string[]? Exclude { get; set; }

    /// <summary>
    /// <para type="description">Batch id. Default: the name of the first folder.</para>
    /// </summary>
    [Parameter]
    public string? BatchId { get; set; }

    /// <summary>
    /// <para type="description">Theme name or path, recorded as theme_spec_ref.</para>
    /// </summary>
    [Parameter]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Photos to lock in (file names with wildcards, full paths or photo ids).</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(BatchFileNameCompleter))]
    public string[]? LockIn { get; set; }

    /// <summary>
    /// <para type="description">Photos to exclude from selection (file names with wildcards, full paths or photo ids).</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(BatchFileNameCompleter))]
    public string[]? ExcludePhoto { get; set; }

    /// <summary>
    /// <para type="description">Replace an existing file.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '\\nas\photos' }: photos under a root are written as archive:/relative/path (forward slashes), which Import-PhotoBatch -BatchFile and Invoke-PhotoCuration -BatchFile resolve with their own -Library on any machine (about_PhotoCuration_Library). -Path may name a folder of a library as name:/relative/path.</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    private readonly List<string> _files = new();
    private string? _firstFolder;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var scanner = new PhotoScannerBridge(Include, Exclude);
        var paths = ParameterSetName == "LiteralPath" ? LiteralPath.Select(ResolveLiteralPath) : ResolvePaths(Distributed.DistributedBridge.ResolveLibraryPaths(this, Library, Path));
        foreach (var path in paths)
        {
            _firstFolder ??= Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path);
            if (Directory.Exists(path)) _files.AddRange(scanner.Scan(path, Recurse));
            else _files.Add(path);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var outFile = ResolveLiteralPath(OutFile);
        if (File.Exists(outFile) && !Force)
        {
            ThrowTerminatingError(new ErrorRecord(new IOException($"'{outFile}' already exists; use -Force to replace it."), "OutFileExists", ErrorCategory.ResourceExists, outFile));
        }
        var batchId = BatchId ?? Engine.Workspace.BatchIds.FromName(System.IO.Path.GetFileName((_firstFolder ?? "batch").TrimEnd('/', '\\')));
        try
        {
            Engine.Workspace.BatchIds.Validate(batchId);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidBatchId", ErrorCategory.InvalidArgument, batchId));
        }
        var distinct = _files.Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            // A batch file with no photos is one Import-PhotoBatch refuses: say so now, not at import.
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("No photos were found, so no batch file was written (a folder whose photos are in subfolders needs -Recurse)."),
                "NoPhotos", ErrorCategory.ObjectNotFound, outFile));
        }
        if (!ShouldProcess(outFile, $"Write batch '{batchId}' with {distinct.Count} photos")) return;
        var input = new Engine.Ingest.BatchInputFile
        {
            BatchId = batchId,
            PhotoUris = distinct.Select(Ingest.BatchFiles.Uri(Distributed.DistributedBridge.Library(this, Library))).ToList(),
            ThemeSpecRef = Theme,
            UserOverrides = new Engine.Core.OverridesRecord
            {
                LockIn = (LockIn ?? Array.Empty<string>()).ToList(),
                Exclude = (ExcludePhoto ?? Array.Empty<string>()).ToList(),
            },
        };
        input.Save(outFile);
        Verbose($"wrote {distinct.Count} photos of batch '{batchId}' to {outFile}");
        FileItems.Write(this, outFile);
    }
}
