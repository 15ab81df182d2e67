using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Models;

/// <summary>
/// <para type="synopsis">Lists the models PhotoCuration finds: kind, input size, embedding dimension and the execution provider each would run on.</para>
/// <para type="description">Get-PhotoModel looks in -ModelPath, then $env:PHOTOCURATION_MODELS (folders separated by the path separator), then the module's models folder, then (on Linux, where Debian/Ubuntu's opencv-data package installed it) OpenCV's data folder /usr/share/opencv4/quality, for OpenCLIP models in the Immich ONNX layout (&lt;name&gt;/visual/model.onnx, textual/model.onnx, config.json, tokenizer files), aesthetic heads (aesthetic/*.onnx) and BRISQUE (brisque/brisque_model_live.yml with brisque_range_live.yml, or the two files directly in the folder, as OpenCV installs them). Source (the From column) says where each model came from: ModelPath, Environment, Module or OpenCV. Set $env:PHOTOCURATION_NO_SYSTEM_MODELS to 1 to skip the system folder. Each model is loaded and checked as Get-PhotoFeatures would use it; a broken or mismatched model (wrong input name, shape or dtype, a missing tokenizer, an aesthetic head for another embedding size) is an error naming the file and what is wrong. Selected marks the models Get-PhotoFeatures would use: the first of each kind in search order. See models/README.md for where to get each model.</para>
/// <example>
///   <code>Get-PhotoModel</code>
///   <para>Lists the models found in $env:PHOTOCURATION_MODELS and the module's models folder.</para>
/// </example>
/// <example>
///   <code>Get-PhotoModel -ModelPath ~/immich-models -Device Gpu | Format-List</code>
///   <para>Checks a folder of downloaded models and shows the provider each would run on when a GPU is requested.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PhotoModel")]
[OutputType(typeof(PhotoModel))]
public sealed class GetPhotoModelCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Folder with models, searched before $env:PHOTOCURATION_MODELS, the module's models folder and OpenCV's data folder (/usr/share/opencv4/quality).</para>
    /// </summary>
    [Parameter(Position = 0)]
    public string? ModelPath { get; set; }

    /// <summary>
    /// <para type="description">Device to report the provider for: Auto, Cpu or Gpu (as in Get-PhotoFeatures).</para>
    /// </summary>
    [Parameter]
    [ValidateSet("Auto", "Cpu", "Gpu")]
    public string Device { get; set; } = "Auto";

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var modelPath = ModelPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ModelPath);
        if (modelPath is not null && !Directory.Exists(modelPath))
        {
            WriteError(new ErrorRecord(new DirectoryNotFoundException($"Model folder '{modelPath}' does not exist."), "ModelPathNotFound", ErrorCategory.ObjectNotFound, modelPath));
        }
        var any = false;
        foreach (var (model, error) in ModelsBridge.Describe(modelPath, Device, WriteWarning, WriteVerbose))
        {
            any = true;
            if (error is not null) WriteError(new ErrorRecord(error, "InvalidModel", ErrorCategory.InvalidData, error.Path));
            WriteObject(model);
        }
        if (!any) WriteVerbose("no models found; see models/README.md for where to get them");
    }
}
