using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Preprocess;

/// <summary>
/// <para type="synopsis">Decodes each photo once and writes its ranking image (long edge ≤ 2048) and standardized image (long edge 1024).</para>
/// <para type="description">Invoke-Preprocess takes photos from Import-PhotoBatch (or Import-PhotoStage) and, from a single decode per photo, applies the EXIF orientation (all eight values), converts embedded RGB colour profiles (Display P3, Adobe RGB, ProPhoto …, in JPEG, PNG, TIFF or WebP) to sRGB, converts CMYK and 16-bit images to 8-bit RGB, and writes two JPEGs into the workspace: the ranking image (data/rankingInput, long edge at most 2048, never upscaled) and the standardized image every feature is computed on (data/input, long edge 1024). Derived files are named &lt;stem&gt;_&lt;first 8 hex of the photo id&gt;, so equal file names from different folders never collide.</para>
/// <para type="description">Results are cached by content (photo id, stage version, options): running the same batch again decodes nothing. Every write is atomic. Photos are processed on parallel workers and come out in input order; the stage record goes to intermediateJsons/preprocess/&lt;batch_id&gt;.json. A photo that cannot be processed gets a non-terminating error and the rest go on; a decode that runs past a minute (a damaged file making the decoder loop) is given up as DecodeTimedOut.</para>
/// <para type="description">A RAW file (CR2, CR3, NEF, ARW, DNG, ORF, PEF, RW2, RAF …) is decoded through the largest full-size JPEG the camera embedded in it, turned upright by the RAW's own orientation; the processing method names the preview used (e.g. "embedded jpeg 6000x4000 from Raw:CR2 IFD0 StripOffsets").</para>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Format-Table</code>
///   <para>Imports and preprocesses a shoot, showing each photo's derived sizes.</para>
/// </example>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess -Verbose | Select-Object FileName, { $_.Preprocess.StandardizedPath }</code>
///   <para>Shows where each standardized image was written, with per-stage timing on the verbose stream.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Preprocess")]
[OutputType(typeof(Photo))]
public sealed class InvokePreprocessCommand : PhotoStageCmdlet<PhotoPreprocess>
{
    /// <summary>
    /// <para type="description">Long edge of the ranking image in pixels (default 2048). Smaller originals are never upscaled.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(64, 8192)]
    public int RankingLongEdge { get; set; } = 2048;

    /// <summary>
    /// <para type="description">Long edge of the standardized image in pixels (default 1024), the size features are computed at.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(64, 8192)]
    public int StandardizedLongEdge { get; set; } = 1024;

    /// <summary>
    /// <para type="description">JPEG quality of the derived images (default 92).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(50, 100)]
    public int JpegQuality { get; set; } = 92;

    /// <summary>
    /// <para type="description">Largest image decoded, in megapixels (default 250). Larger images are refused before decoding.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.01, 10000)]
    public double MaxMegapixels { get; set; } = 250;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (StandardizedLongEdge > RankingLongEdge)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-StandardizedLongEdge ({StandardizedLongEdge}) cannot exceed -RankingLongEdge ({RankingLongEdge}): the standardized image is derived from the ranking image."),
                "StandardizedLargerThanRanking", ErrorCategory.InvalidArgument, StandardizedLongEdge));
        }
        base.BeginProcessing();
    }

    /// <inheritdoc />
    private protected override PhotoStageSession<PhotoPreprocess> CreateSession() => PreprocessBridge.CreateSession(this, RankingLongEdge, StandardizedLongEdge, JpegQuality, MaxMegapixels, ThrottleLimit, Cancellation);
}
