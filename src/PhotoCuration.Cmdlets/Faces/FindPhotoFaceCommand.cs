using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Faces;

/// <summary>
/// <para type="synopsis">Finds the faces in each photo's standardized image and measures how sharp, bright, turned and large each one is.</para>
/// <para type="description">Find-PhotoFace works on photos from Invoke-Preprocess (usually after Get-PhotoFeatures) and runs MediaPipe BlazeFace (the back-camera model shipped in the module's models/faces folder, Apache-2.0) on the whole frame and on overlapping tiles, so small faces are found too. Per face it records the box, six keypoints (eyes, nose tip, mouth, ears), the detector's confidence, the face's detail and its ratio to the frame's, the sharper eye region's detail, the face's luma and exposure against the frame in EV, a yaw estimate and the face's share of the frame; the eye state is open or closed only when an eye model is installed in models/faces, else unknown. Faces come largest first in the photo's Faces property.</para>
/// <para type="description">Without a face model (none in -ModelPath, $env:PHOTOCURATION_MODELS or the module's models folder) every photo gets no faces and FaceModel stays null: a verbose line says so, never an error. The people count of the selection's people_count axis comes from the faces when no CLIP model labelled it (0, 1, 2, 3–5, 6+: none, one, two, group, crowd). Results are cached per photo, face stage version and model, computed on parallel workers, emitted in input order, and recorded in intermediateJsons/faces/&lt;batch_id&gt;.json.</para>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures | Find-PhotoFace | Select-Object FileName, { $_.Faces.Count }</code>
///   <para>Shows how many faces each photo has.</para>
/// </example>
/// <example>
///   <code>Import-PhotoBatch ./portraits | Invoke-Preprocess | Find-PhotoFace | ForEach-Object { $_.Faces | Select-Object -First 1 } | Format-Table</code>
///   <para>Lists the main face of each portrait with its sharpness, exposure and yaw.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Find, "PhotoFace")]
[OutputType(typeof(Photo))]
public sealed class FindPhotoFaceCommand : PhotoStageCmdlet<PhotoFaces>
{
    /// <summary>
    /// <para type="description">Folder with models (holding faces/face_detection_back_256x256_barracuda.onnx and optionally an eye-state model). Searched before $env:PHOTOCURATION_MODELS and the module's models folder.</para>
    /// </summary>
    [Parameter]
    public string? ModelPath { get; set; }

    /// <summary>
    /// <para type="description">Where the face model runs: Auto (a GPU provider when ONNX Runtime offers one, else the CPU), Cpu, or Gpu (a warning and the CPU when no GPU provider is available).</para>
    /// </summary>
    [Parameter]
    [ValidateSet("Auto", "Cpu", "Gpu")]
    public string Device { get; set; } = "Auto";

    private IDisposable? _models;

    /// <inheritdoc />
    private protected override PhotoStageSession<PhotoFaces> CreateSession()
    {
        var modelPath = ModelPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ModelPath);
        return FacesBridge.CreateSession(this, modelPath, Device, ThrottleLimit, Cancellation, out _models);
    }

    /// <inheritdoc />
    protected override void DisposeWork()
    {
        base.DisposeWork();
        _models?.Dispose();
        _models = null;
    }
}
