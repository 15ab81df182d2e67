using PhotoCuration.Engine.Readers;

namespace PhotoCuration.Engine.Faces;

/// <summary>The faces record's part of a photo: its faces and the model that found them. Optional below a faces import (see the catalogue).</summary>
public sealed class FacesStageReader() : PhotoStageReader<FacesStageDocument, FacesStageDocument.Artifact>(StageCatalog.Faces, nameof(FacesStageDocument.Artifacts))
{
    public override PhotoStageRecords Open(StageImportContext context)
    {
        var model = Head(context).Model;
        return PhotoStageRecords.Of(Records(context), a => a.PhotoId, (photo, a) =>
        {
            photo.Faces = (a.Faces ?? new()).Where(f => f is not null).ToArray();
            photo.FaceModel = model;
        });
    }
}
