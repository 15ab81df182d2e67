using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Features;

/// <summary>
/// <para type="synopsis">Measures each photo's standardized image: sharpness, exposure, noise, hashes, colour, saliency, composition, copy space and time of day.</para>
/// <para type="description">Get-PhotoFeatures works on photos from Invoke-Preprocess (or Import-PhotoStage) and needs no model: tiled Tenengrad and variance of Laplacian with a subject-aware summary (a sharp subject on a soft background is not blur); luma percentiles, clipped highlights and shadows, contrast; wavelet noise sigma; 64-bit pHash and dHash; Hasler–Süsstrunk colourfulness, a dominant palette in Lab and warmth; spectral-residual saliency (a PNG under data/sal); rule of thirds, horizon tilt, subject cut at the edges and balance; the largest quiet rectangle for a headline with the text colour that reads on it; time of day from EXIF, else from the pixels.</para>
/// <para type="description">With models (see Get-PhotoModel and models/README.md) it also embeds each photo with OpenCLIP (an L2-normalized .npy under data/emb with a .json sidecar), labels it zero-shot over 50 photography labels (top 3, a scene type and a people count), scores CLIP-IQA, the similarity to the theme's mood prompts, an aesthetic head on the embedding, and BRISQUE (OpenCV's QualityBRISQUE score, 0 best to 100 worst), which needs no CLIP model: BRISQUE files alone give a BRISQUE value. Models are looked for in -ModelPath, then $env:PHOTOCURATION_MODELS, then the module's models folder, then OpenCV's data folder /usr/share/opencv4/quality (Debian/Ubuntu's opencv-data package: BRISQUE works out of the box where it is installed; $env:PHOTOCURATION_NO_SYSTEM_MODELS=1 skips it); sessions are created once per pipeline on the GPU when ONNX Runtime offers one (CUDA, DirectML, CoreML), else on the CPU, and images are batched while decoding runs ahead.</para>
/// <para type="description">Values needing a model (CLIP labels, CLIP-IQA, aesthetic head, BRISQUE, embedding, scene type, people count, mood) stay null when the model is absent. Results are cached per photo and feature version, computed on parallel workers, emitted in input order, and recorded in intermediateJsons/features/&lt;batch_id&gt;.json.</para>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures | Select-Object FileName, { $_.Features.SubjectSharpness }, { $_.Features.TimeOfDay }</code>
///   <para>Shows the subject sharpness and time of day of each photo.</para>
/// </example>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures | Where-Object { $_.Features.CopySpace -gt 0.5 }</code>
///   <para>Finds photos with room for a headline.</para>
/// </example>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures -ModelPath ~/models -Device Gpu -Theme autumn-editorial | Select-Object FileName, { $_.Features.SceneType }, { $_.Features.ClipIqa }</code>
///   <para>Adds CLIP labels, CLIP-IQA and the mood similarity to the autumn-editorial theme, on the GPU when one is available.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PhotoFeatures")]
[OutputType(typeof(Photo))]
public sealed class GetPhotoFeaturesCommand : PhotoStageCmdlet<PhotoFeatures>
{
    /// <summary>
    /// <para type="description">Folder with models (an OpenCLIP folder in the Immich layout, or a folder holding such folders, aesthetic/*.onnx and brisque/). Searched before $env:PHOTOCURATION_MODELS, the module's models folder and OpenCV's data folder.</para>
    /// </summary>
    [Parameter]
    public string? ModelPath { get; set; }

    /// <summary>
    /// <para type="description">Where models run: Auto (a GPU provider when ONNX Runtime offers one, else the CPU), Cpu, or Gpu (a warning and the CPU when no GPU provider is available).</para>
    /// </summary>
    [Parameter]
    [ValidateSet("Auto", "Cpu", "Gpu")]
    public string Device { get; set; } = "Auto";

    /// <summary>
    /// <para type="description">Theme whose mood prompts the CLIP mood similarity is measured against (name from the workspace's data/themes or a theme.yaml path). Default: the built-in theme, which has no mood. Use the same theme as Measure-PhotoScore.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    private IDisposable? _models;

    /// <inheritdoc />
    private protected override PhotoStageSession<PhotoFeatures> CreateSession()
    {
        var modelPath = ModelPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ModelPath);
        return FeaturesBridge.CreateSession(this, modelPath, Device, Theme, ThrottleLimit, Cancellation, out _models);
    }

    /// <inheritdoc />
    protected override void DisposeWork()
    {
        base.DisposeWork();
        _models?.Dispose();
        _models = null;
    }
}
