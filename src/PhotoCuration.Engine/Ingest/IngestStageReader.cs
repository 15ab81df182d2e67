using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// The ingest record's part of a photo: file, format, size, EXIF, lock/exclude and the original of an
/// exact duplicate. The first stage of the chain, so its entries are the photos a rebuild starts from.
/// </summary>
public sealed class IngestStageReader() : PhotoStageReader<IngestStageDocument, IngestStageDocument.PhotoIndexEntry>(StageCatalog.Ingest, nameof(IngestStageDocument.PhotoIndex))
{
    public override PhotoStageRecords Open(StageImportContext context) =>
        PhotoStageRecords.Of(Records(context), e => e.PhotoId, (photo, e) => FromIngest(context, photo, e));

    private static void FromIngest(StageImportContext context, Photo photo, IngestStageDocument.PhotoIndexEntry e)
    {
        // A library-relative original resolves through the step's roots; one it cannot resolve is this photo's error (UnknownLibrary).
        var path = OriginalPaths.FromStored(e.Uri, context.Layout, context.Library);
        photo.PhotoId = e.PhotoId;
        photo.Path = path;
        photo.LibraryPath = LibraryRoots.IsPortable(e.Uri) ? e.Uri : null;
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
        photo.CompanionPath = e.CompanionUri is null ? null : OriginalPaths.FromStored(e.CompanionUri, context.Layout, context.Library);
        photo.DuplicateOf = e.DuplicateOf is null ? null : OriginalPaths.FromStored(e.DuplicateOf, context.Layout, context.Library);
    }
}
