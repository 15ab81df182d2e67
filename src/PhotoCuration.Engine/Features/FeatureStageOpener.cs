using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// How a run opens the features stage: the module's models loaded once for the run (none found, or an
/// invalid one: a warning, and the model fields stay null), and in a streamed run the standardized JPEG
/// preprocess handed on, and the handoff its decoded pixels go on to faces by.
/// </summary>
public sealed class FeatureStageOpener : IPhotoStageOpener
{
    public OpenedPhotoStage Open(PhotoStageContext context)
    {
        var models = Load(context);
        return new OpenedPhotoStage<PhotoFeatures>(StageCatalog.Features,
            layout => new FeatureStage(layout, models is null ? null : new ModelFeatures(models, layout, context.Theme.Mood)) { StandardizedJpeg = context.StandardizedJpeg, StandardizedPixels = context.StandardizedPixels },
            models);
    }

    private static ModelPipeline? Load(PhotoStageContext context)
    {
        try
        {
            return ModelPipeline.Create(ModelCatalog.Discover(null, context.ModuleModelsDir), context.Device, context.Workers, context.Warn, cores: context.Cores);
        }
        catch (ModelValidationException ex)
        {
            context.Warn($"{ex.Message} Model fields stay null.");
            return null;
        }
    }
}
