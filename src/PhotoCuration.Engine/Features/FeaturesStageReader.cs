using PhotoCuration.Engine.Readers;

namespace PhotoCuration.Engine.Features;

/// <summary>The features record's part of a photo: every measurement (<see cref="Photo.Features"/>, <see cref="FeaturesFromStage"/>).</summary>
public sealed class FeaturesStageReader() : PhotoStageReader<FeaturesStageDocument, FeaturesStageDocument.Artifact>(StageCatalog.Features, nameof(FeaturesStageDocument.Artifacts))
{
    public override PhotoStageRecords Open(StageImportContext context)
    {
        var version = Head(context).StageVersion;
        return PhotoStageRecords.Of(Records(context), a => a.PhotoId,
            (photo, a) => photo.Features = FeaturesFromStage.ToFeatures(context.Layout, version, a));
    }
}
