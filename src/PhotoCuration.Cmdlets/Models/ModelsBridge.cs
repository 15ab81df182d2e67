using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Models;

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
