using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Ingest;

/// <summary>
/// <para type="synopsis">Imports the photos of a shoot: checks each file really is an image, gives it a content id, and reads its EXIF.</para>
/// <para type="description">Import-PhotoBatch reads photos from folders, from files piped in (Get-ChildItem ... | Import-PhotoBatch), or from an ingest_input.json written by New-PhotoBatchInput. Each file is recognised by its content, not its extension (a PNG named .jpg is fine; a text file named .jpg is an error). Every photo gets PhotoId = "sha256:" of its bytes, its pixel size from the header (images over -MaxMegapixels are refused before decoding), and its EXIF: capture time with sub-seconds and offset, camera, serial, lens, focal length, aperture, shutter, ISO, exposure bias, orientation and GPS.</para>
/// <para type="description">RAW files (CR2, CR3, NEF, ARW, DNG, ORF, PEF, RW2, RAF …) are read through the full-size JPEG the camera embedded in them, found by parsing the file's structure; Format says e.g. Raw:CR2, the pixel size is that JPEG's, and the EXIF is the RAW's own. A RAW and a JPEG with the same name in the same folder (IMG_0001.CR2 + IMG_0001.JPG) are one photo: the RAW is the photo and CompanionPath names the JPEG (as Lightroom treats a JPEG beside a RAW); if the RAW cannot be read, the JPEG stands in for the frame and the RAW's problem is reported. Files piped one by one are paired when the two come one after the other, as Get-ChildItem lists them. HEIC/HEIF, AVIF, JPEG XL and PSD files are refused with UnsupportedFormat, naming the file and its format.</para>
/// <para type="description">Byte-identical files are flagged with DuplicateOf (the first file with those bytes). -LockIn and -ExcludePhoto name photos by file name (wildcards allowed), full path or photo id. Bad files get one non-terminating error each (stable error id, the file as target) and the rest of the batch goes on. The stage record is written to intermediateJsons/ingest/&lt;batch_id&gt;.json in the workspace. Original files are only ever read.</para>
/// <example>
///   <code>Import-PhotoBatch -Path ~/shoot -Recurse -BatchId wedding_a | Invoke-Preprocess</code>
///   <para>Imports every photo under ~/shoot into batch wedding_a and preprocesses them.</para>
/// </example>
/// <example>
///   <code>Get-ChildItem ~/shoot -Filter *.jpg | Import-PhotoBatch | Format-Table</code>
///   <para>Imports the piped files (bound by their PSPath).</para>
/// </example>
/// <example>
///   <code>Import-PhotoBatch -BatchFile ./ingest_input.json -Workspace ./work</code>
///   <para>Imports the batch described by an ingest_input.json, with its lock-in and exclude lists.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsData.Import, "PhotoBatch", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Photo))]
public sealed class ImportPhotoBatchCommand : PhotoCmdletBase
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string BatchFileSet = "BatchFile";

    /// <summary>
    /// <para type="description">Folders or files to import. Wildcards are allowed. A folder is scanned for photo files (by extension; hidden files are skipped).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Folders or files to import, taken exactly as written (no wildcards). Bound from the PSPath or FullName of piped items, so Get-ChildItem output pipes straight in.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">An ingest_input.json (see New-PhotoBatchInput) in the batch contract's shape {"batch_id", "photos": [{"uri": …}], "theme_spec_ref", "user_overrides": {"lock_in": […], "exclude": […]}} (the older {"format": 1, "photo_uris": […]} is read too). An unknown key, a wrong type or an empty photo list stops the import with InvalidBatchFile, naming the file, the line and the key.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = BatchFileSet)]
    [ValidateNotNullOrEmpty]
    public string BatchFile { get; set; } = "";

    /// <summary>
    /// <para type="description">Also scan subfolders of the folders given.</para>
    /// </summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">When scanning folders, only file names matching one of these wildcard patterns (e.g. *.jpg).</para>
    /// </summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public string[]? Include { get; set; }

    /// <summary>
    /// <para type="description">When scanning folders, skip file names matching one of these wildcard patterns.</para>
    /// </summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public string[]? Exclude { get; set; }

    /// <summary>
    /// <para type="description">Id of the batch (letters, digits, '_', '-', '.'). Default: the batch file's id, else the name of the first folder imported.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BatchId { get; set; }

    /// <summary>
    /// <para type="description">Workspace folder for stage JSON, cache and derived images. Default: the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Photos to lock in: always kept, never dropped. File names (wildcards allowed), full paths or photo ids.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(BatchFileNameCompleter))]
    public string[]? LockIn { get; set; }

    /// <summary>
    /// <para type="description">Photos to exclude from selection. File names (wildcards allowed), full paths or photo ids. Exclude wins over lock-in.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(BatchFileNameCompleter))]
    public string[]? ExcludePhoto { get; set; }

    /// <summary>
    /// <para type="description">Theme reference (name or path) recorded in the ingest stage JSON as theme_spec_ref.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Largest image accepted, in megapixels (default 250). Larger images are refused before decoding.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.01, 10000)]
    public double MaxMegapixels { get; set; } = 250;

    /// <summary>
    /// <para type="description">How many files are read in parallel. Default: the number of processors.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '/mnt/photos' }: the stage JSON records each photo under a root as archive:/relative/path (forward slashes), so the batch's later steps resolve it on any machine, or after the library moved, with their own -Library (about_PhotoCuration_Library). -Path may name a folder of a library as name:/relative/path, e.g. -Path archive:/2019.</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    private ImportSession? _session;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _session = new ImportSession(this, MaxMegapixels, ThrottleLimit, Include, Exclude, Library, Cancellation);
        if (ParameterSetName == BatchFileSet) StartFromBatchFile();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == BatchFileSet) return;
        var paths = ParameterSetName == PathSet ? ResolvePaths(Distributed.DistributedBridge.ResolveLibraryPaths(this, Library, Path)).ToList() : LiteralPath.Select(ResolveLiteralPath).ToList();
        foreach (var path in paths)
        {
            if (!_session!.HasBatch) StartBatch(DefaultBatchId(path), LockIn, ExcludePhoto, Theme);
            _session.Add(path, Recurse);
        }
        _session!.Drain();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_session is null) return;
        if (!_session.HasBatch) StartBatch(BatchId ?? "batch", LockIn, ExcludePhoto, Theme);
        var (stageJson, summary) = _session.Complete();
        foreach (var (list, entry) in _session.UnmatchedOverrides())
        {
            WriteWarning($"The {list} entry '{entry}' matched no photo in batch '{_session.Batch.BatchId}'.");
        }
        Verbose($"{summary}; {_session.Batch.DuplicateCount} exact duplicates; {_session.Batch.Errors.Count} errors.");
        Verbose($"wrote {stageJson}");
    }

    private void StartFromBatchFile()
    {
        var file = ResolveLiteralPath(BatchFile);
        Engine.Ingest.BatchInputFile input;
        try
        {
            input = Engine.Ingest.BatchInputFile.Load(file);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidBatchFile", ErrorCategory.InvalidData, file));
            return;
        }
        StartBatch(BatchId ?? input.BatchId,
            (LockIn ?? Array.Empty<string>()).Concat(input.UserOverrides.LockIn),
            (ExcludePhoto ?? Array.Empty<string>()).Concat(input.UserOverrides.Exclude),
            Theme ?? input.ThemeSpecRef);
        _session!.AddFiles(BatchFiles.Resolve(this, input, file, Library));
    }

    private void StartBatch(string batchId, IEnumerable<string>? lockIn, IEnumerable<string>? exclude, string? theme)
    {
        try
        {
            _session!.StartBatch(batchId, ResolveWorkspace(Workspace), new Engine.Core.UserOverrides(lockIn, exclude), theme);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidBatchId", ErrorCategory.InvalidArgument, batchId));
        }
    }

    private string DefaultBatchId(string firstPath)
    {
        if (BatchId is not null) return BatchId;
        var folder = Directory.Exists(firstPath) ? firstPath : System.IO.Path.GetDirectoryName(firstPath) ?? "batch";
        return Engine.Workspace.BatchIds.FromName(System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar)));
    }

    /// <inheritdoc />
    protected override void CancelWork()
    {
        _session?.Cancel();
        base.CancelWork();
    }

    /// <inheritdoc />
    protected override void DisposeWork() => _session?.Dispose();
}
