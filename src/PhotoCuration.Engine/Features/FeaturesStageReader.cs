using PhotoCuration.Engine.Readers;

namespace PhotoCuration.Engine.Features;

/// <summary>The features record's part of a photo: every measurement (<see cref="Photo.Features"/>, <see cref="FeaturesFromStage"/>).</summary>
public sealed class FeaturesStageReader() : PhotoStageReader<FeaturesStageDocument>(StageCatalog.Features)
{
    protected override PhotoStageRecords Open(StageImportContext context, FeaturesStageDocument document) =>
        PhotoStageRecords.Of(document.Artifacts, a => a.PhotoId,
            (photo, a) => photo.Features = FeaturesFromStage.ToFeatures(context.Layout, document.StageVersion, a));
}
