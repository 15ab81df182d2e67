using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Features;

/// <summary>
/// <para type="synopsis">Measures each photo's standardized image: sharpness, exposure, noise, hashes, colour, saliency, composition, copy space and time of day.</para>
/// <para type="description">Get-PhotoFeatures works on photos from Invoke-Preprocess (or Import-PhotoStage) and needs no model: tiled Tenengrad and variance of Laplacian with a subject-aware summary (a sharp subject on a soft background is not blur); luma percentiles, clipped highlights and shadows, contrast; wavelet noise sigma; 64-bit pHash and dHash; Hasler–Süsstrunk colourfulness, a dominant palette in Lab and warmth; spectral-residual saliency (a PNG under data/sal); rule of thirds, horizon tilt, subject cut at the edges and balance; the largest quiet rectangle for a headline with the text colour that reads on it; time of day from EXIF, else from the pixels.</para>
/// <para type="description">Values needing a model (CLIP labels, CLIP-IQA, aesthetic head, BRISQUE) stay null when the model is absent. Results are cached per photo and feature version, computed on parallel workers, emitted in input order, and recorded in intermediateJsons/features/&lt;batch_id&gt;.json.</para>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures | Select-Object FileName, { $_.Features.SubjectSharpness }, { $_.Features.TimeOfDay }</code>
///   <para>Shows the subject sharpness and time of day of each photo.</para>
/// </example>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures | Where-Object { $_.Features.CopySpace -gt 0.5 }</code>
///   <para>Finds photos with room for a headline.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PhotoFeatures")]
[OutputType(typeof(Photo))]
public sealed class GetPhotoFeaturesCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Preprocessed photos, from Invoke-Preprocess or Import-PhotoStage.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public Photo[] InputObject { get; set; } = Array.Empty<Photo>();

    /// <summary>
    /// <para type="description">Workspace folder. Default: the photo's own workspace, else the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">How many photos are measured in parallel. Default: the number of processors.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    private PhotoStageSession<PhotoFeatures>? _session;

    /// <inheritdoc />
    protected override void BeginProcessing() => _session = FeaturesBridge.CreateSession(this, ThrottleLimit, Cancellation);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var explicitWorkspace = Workspace is null ? null : ResolveWorkspace(Workspace);
        foreach (var photo in InputObject)
        {
            _session!.Add(photo, explicitWorkspace ?? (string.IsNullOrEmpty(photo.Workspace) ? ResolveWorkspace(null) : photo.Workspace));
        }
        _session!.Drain();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_session is null) return;
        var (stageJsons, summary) = _session.Complete();
        Verbose(summary);
        foreach (var path in stageJsons) Verbose($"wrote {path}");
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

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class FeaturesBridge
{
    public static PhotoStageSession<PhotoFeatures> CreateSession(PSCmdlet cmdlet, int workers, CancellationToken cancellation) =>
        new(cmdlet, 3, "Get-PhotoFeatures: measuring",
            layout => new Engine.Features.FeatureStage(layout).Process,
            (layout, batchId) => new Engine.Features.FeaturesBatch(batchId, layout),
            (photo, features) => { photo.Features = features; return true; },
            features => features.FromCache, workers, cancellation);
}
