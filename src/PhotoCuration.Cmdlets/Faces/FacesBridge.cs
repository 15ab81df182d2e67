using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Faces;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class FacesBridge
{
    /// <summary>The face stage's session; <paramref name="models"/> holds the opened face models (null: none found, a verbose line says so).</summary>
    public static PhotoStageSession<PhotoFaces> CreateSession(PSCmdlet cmdlet, string? modelPath, string device, int workers,
        CancellationToken cancellation, out IDisposable? models)
    {
        Engine.Faces.FaceAnalyzer? analyzer = null;
        string? modelId = null;
        try
        {
            var catalog = Engine.Models.ModelCatalog.Discover(modelPath, Models.ModelsBridge.ModuleModelsDir);
            (analyzer, modelId) = Engine.Faces.FaceStage.Open(catalog, Models.ModelsBridge.ParseDevice(device), workers, cmdlet.WriteWarning);
            cmdlet.WriteVerbose(analyzer is null
                ? $"no face model in {(catalog.Roots.Count == 0 ? "any search folder" : string.Join(", ", catalog.Roots.Select(r => r.Root)))}: faces stay empty and the number of people unknown"
                : $"face model {modelId}{(analyzer.Eyes is null ? " (no eye model: eye state unknown)" : "")}");
        }
        catch (Engine.Models.ModelValidationException ex)
        {
            var path = ex.Path;
            if (modelPath is not null) cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidModel", ErrorCategory.InvalidData, path));
            cmdlet.WriteWarning($"{ex.Message} Faces stay empty.");
        }
        models = analyzer;
        var opened = analyzer;
        var id = modelId;
        return new(cmdlet, 5, "Find-PhotoFace: finding faces", Engine.Core.StageCatalog.Faces,
            layout => new Engine.Faces.FaceStage(layout, opened, id), workers, cancellation);
    }
}
