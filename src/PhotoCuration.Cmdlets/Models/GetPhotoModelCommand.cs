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

/// <summary>Keeps engine types out of the public cmdlet classes.</summary>
internal static class ModelsBridge
{
    /// <summary>The module's own models folder, beside the module's assemblies.</summary>
    public static string ModuleModelsDir => Path.Combine(Path.GetDirectoryName(typeof(ModelsBridge).Assembly.Location) ?? ".", "models");

    public static Engine.Models.ModelDevice ParseDevice(string device) => Enum.Parse<Engine.Models.ModelDevice>(device, ignoreCase: true);

    /// <summary>Every model found, loaded and validated; the error (naming the file) for those that fail.</summary>
    public static IEnumerable<(PhotoModel Model, Engine.Models.ModelValidationException? Error)> Describe(string? modelPath, string device, Action<string> warn, Action<string> verbose)
    {
        var catalog = Engine.Models.ModelCatalog.Discover(modelPath, ModuleModelsDir);
        verbose($"searching {(catalog.Roots.Count == 0 ? "no existing folder" : string.Join(", ", catalog.Roots.Select(r => $"{r.Root} ({r.Source})")))}");
        var provider = Engine.Models.ExecutionProviderChoice.Select(ParseDevice(device), 1);
        if (provider.Warning is not null) warn(provider.Warning);
        return Engine.Models.ModelInspection.Describe(catalog, provider);
    }

    /// <summary>The models of one Get-PhotoFeatures run, or null when there are none (model-free). A broken model is a warning, or a terminating error when -ModelPath named it.</summary>
    public static Engine.Models.ModelPipeline? LoadPipeline(PSCmdlet cmdlet, string? modelPath, string device, int workers)
    {
        try
        {
            var catalog = Engine.Models.ModelCatalog.Discover(modelPath, ModuleModelsDir);
            var pipeline = Engine.Models.ModelPipeline.Create(catalog, ParseDevice(device), workers, cmdlet.WriteWarning);
            cmdlet.WriteVerbose(pipeline is null
                ? $"no model in {(catalog.Roots.Count == 0 ? "any search folder" : string.Join(", ", catalog.Roots.Select(r => r.Root)))}: model-free features only"
                : pipeline.Clip is not { } clip
                ? $"models: BRISQUE '{pipeline.Brisque!.ModelPath}' only (no CLIP model): no embeddings, labels, CLIP-IQA or aesthetic score"
                : $"models: CLIP '{clip.Name}' ({clip.Dim}-d, {clip.Preprocess.Size} px, batch {clip.Image.MaxBatch}, text {(clip.Text is null ? "no" : "yes")})" +
                  $"{(pipeline.Aesthetic is null ? "" : $", aesthetic '{pipeline.Aesthetic.Name}'")}{(pipeline.Brisque is null ? "" : ", BRISQUE")} on {clip.Provider.ShortName} with {clip.Provider.IntraOpThreads} intra-op thread(s)");
            return pipeline;
        }
        catch (Engine.Models.ModelValidationException ex)
        {
            if (modelPath is not null) cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidModel", ErrorCategory.InvalidData, ex.Path));
            cmdlet.WriteWarning($"{ex.Message} Model fields stay null.");
            return null;
        }
    }
}
