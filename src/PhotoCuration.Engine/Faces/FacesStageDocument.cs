namespace PhotoCuration.Engine.Faces;

/// <summary>
/// <c>intermediateJsons/faces/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents): the face
/// model that looked (null: none installed, so every <c>faces</c> array is empty and means "unknown") and
/// per photo its faces, largest first, as <see cref="PhotoFace"/> records (docs/algorithms.md#faces).
/// </summary>
public sealed class FacesStageDocument : StageDocument
{
    public FacesStageDocument() : base(StageCatalog.Faces, FaceStage.Version) { }

    public string? Model { get; set; }

    public List<Artifact> Artifacts { get; set; } = new();

    public sealed class Artifact
    {
        public string PhotoId { get; set; } = "";
        public List<PhotoFace> Faces { get; set; } = new();
    }
}
