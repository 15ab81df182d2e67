using PhotoCuration.Engine.Readers;

namespace PhotoCuration.Engine.Faces;

/// <summary>The faces record's part of a photo: its faces and the model that found them. Optional below a faces import (see the catalogue).</summary>
public sealed class FacesStageReader() : PhotoStageReader<FacesStageDocument>(StageCatalog.Faces)
{
    protected override PhotoStageRecords Open(StageImportContext context, FacesStageDocument document) =>
        PhotoStageRecords.Of(document.Artifacts, a => a.PhotoId, (photo, a) =>
        {
            photo.Faces = (a.Faces ?? new()).Where(f => f is not null).ToArray();
            photo.FaceModel = document.Model;
        });
}
