using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>How a run opens the preprocess stage: default options, and in a streamed run the bytes ingest read and the standardized JPEG handed on.</summary>
public sealed class PreprocessorOpener : IPhotoStageOpener
{
    public OpenedPhotoStage Open(PhotoStageContext context) =>
        new OpenedPhotoStage<PhotoPreprocess>(StageCatalog.Preprocess,
            layout => new Preprocessor(layout, new PreprocessOptions()) { Originals = context.Originals, StandardizedJpeg = context.StandardizedJpeg });
}
