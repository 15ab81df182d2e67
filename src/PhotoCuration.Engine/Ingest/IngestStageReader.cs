using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// The ingest record's part of a photo: file, format, size, EXIF, lock/exclude and the original of an
/// exact duplicate. The first stage of the chain, so its entries are the photos a rebuild starts from.
/// </summary>
public sealed class IngestStageReader() : PhotoStageReader<IngestStageDocument>(StageCatalog.Ingest)
{
    protected override PhotoStageRecords Open(StageImportContext context, IngestStageDocument document) =>
        PhotoStageRecords.Of(document.PhotoIndex, e => e.PhotoId, (photo, e) => FromIngest(context, photo, e));

    private static void FromIngest(StageImportContext context, Photo photo, IngestStageDocument.PhotoIndexEntry e)
    {
        var path = WorkspacePaths.FromUriOrPath(e.Uri, context.Layout.Root);
        photo.PhotoId = e.PhotoId;
        photo.Path = path;
        photo.FileName = string.IsNullOrEmpty(e.FileName) ? Path.GetFileName(path) : e.FileName;
        photo.BatchId = context.BatchId;
        photo.Workspace = context.Layout.Root;
        photo.Format = e.Format;
        photo.FileSize = e.FileSize;
        photo.Width = e.Width;
        photo.Height = e.Height;
        photo.Exif = (e.Exif ?? new ExifRecord()).ToExif();
        photo.IsLocked = e.Locked;
        photo.IsExcluded = e.Excluded;
        photo.DuplicateOf = e.DuplicateOf is null ? null : WorkspacePaths.FromUriOrPath(e.DuplicateOf, context.Layout.Root);
    }
}
