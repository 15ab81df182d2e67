using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Faces;

/// <summary>Collects a batch's faces in input order for <c>intermediateJsons/faces/&lt;batch_id&gt;.json</c>.</summary>
public sealed class FacesBatch : StageRecord
{
    private readonly List<FacesStageDocument.Artifact> _artifacts = new();
    private readonly string? _model;

    // The model is a parameter of the look: another model means another idempotency key.
    public FacesBatch(string batchId, WorkspaceLayout layout, string? model)
        : base(StageCatalog.Faces, FaceStage.Version, batchId, layout, parametersHash: model ?? "")
    {
        _model = model;
    }

    protected override void Record(Photo photo) => _artifacts.Add(new FacesStageDocument.Artifact
    {
        PhotoId = photo.PhotoId,
        Faces = (photo.Faces ?? throw new ArgumentException($"'{photo.FileName}' has no faces record.", nameof(photo))).ToList(),
    });

    protected override StageDocument Build() => new FacesStageDocument { Model = _model, Artifacts = _artifacts };
}
