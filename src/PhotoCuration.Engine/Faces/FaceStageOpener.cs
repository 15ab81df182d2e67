using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// How a run opens the face stage: the face models loaded once for the run. Without a face model (or
/// with an invalid one: a warning) the stage still runs, with no faces and the number of people unknown.
/// In a streamed run it looks at the standardized pixels features handed on.
/// </summary>
public sealed class FaceStageOpener : IPhotoStageOpener
{
    public OpenedPhotoStage Open(PhotoStageContext context)
    {
        var (analyzer, modelId) = Load(context);
        if (analyzer is null) context.Verbose($"{StageCatalog.Faces.Cmdlet}: no face model found (models/faces): faces stay empty and the number of people unknown");
        return new OpenedPhotoStage<PhotoFaces>(StageCatalog.Faces, layout => new FaceStage(layout, analyzer, modelId) { StandardizedPixels = context.StandardizedPixels }, analyzer);
    }

    private static (FaceAnalyzer?, string?) Load(PhotoStageContext context)
    {
        try
        {
            return FaceStage.Open(ModelCatalog.Discover(null, context.ModuleModelsDir), context.Device, context.Workers, context.Warn, context.Cores);
        }
        catch (ModelValidationException ex)
        {
            context.Warn($"{ex.Message} Faces stay empty.");
            return (null, null);
        }
    }
}
