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
public sealed class GetPhotoFeaturesCommand : PhotoStageCmdlet<PhotoFeatures>
{
    /// <inheritdoc />
    private protected override PhotoStageSession<PhotoFeatures> CreateSession() => FeaturesBridge.CreateSession(this, ThrottleLimit, Cancellation);
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
