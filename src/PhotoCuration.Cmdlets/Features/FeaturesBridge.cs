using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Features;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class FeaturesBridge
{
    public static PhotoStageSession<PhotoFeatures> CreateSession(PSCmdlet cmdlet, string? modelPath, string device, string? theme, int workers,
        CancellationToken cancellation, out IDisposable? models)
    {
        var pipeline = Models.ModelsBridge.LoadPipeline(cmdlet, modelPath, device, workers);
        models = pipeline;
        var themes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] MoodFor(string workspace) => themes.TryGetValue(workspace, out var m) ? m : themes[workspace] = Themes.ThemeBridge.ResolveOrError(cmdlet, theme, workspace).Mood;
        return new(cmdlet, 3, "Get-PhotoFeatures: measuring", Engine.Core.StageCatalog.Features,
            layout => new Engine.Features.FeatureStage(layout, pipeline is null ? null : new Engine.Models.ModelFeatures(pipeline, layout, MoodFor(layout.Root))),
            workers, cancellation);
    }
}
