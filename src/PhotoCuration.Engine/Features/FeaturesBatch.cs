using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Features;

/// <summary>Collects a batch's features in input order for <c>intermediateJsons/features/&lt;batch_id&gt;.json</c>.</summary>
public sealed class FeaturesBatch : StageRecord
{
    private readonly List<FeaturesStageDocument.Artifact> _artifacts = new();

    public FeaturesBatch(string batchId, WorkspaceLayout layout)
        : base(StageCatalog.Features, FeatureExtractor.Version, batchId, layout, parametersHash: "") { }

    protected override void Record(Photo photo) =>
        _artifacts.Add(FeaturesStageDocument.ToArtifact(Layout, photo, photo.Features ?? throw new ArgumentException($"'{photo.FileName}' has no features.", nameof(photo))));

    protected override StageDocument Build() => new FeaturesStageDocument { Artifacts = _artifacts };
}
