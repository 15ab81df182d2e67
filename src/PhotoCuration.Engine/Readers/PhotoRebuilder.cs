namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds <see cref="Photo"/> objects by joining the per-photo stage records of one batch on photo id,
/// through the catalogue's per-photo stages in order, each by its descriptor's reader
/// (<see cref="PhotoStageReader.Open"/>): ingest (file, EXIF, lock/exclude, duplicates) → preprocess →
/// features → faces (an optional stage: joined when recorded) → scoring. The photos emitted are those the
/// last stage lists, in ingest order; an exact duplicate (listed once per stage under its shared id) comes
/// back with each of its files, as the live pipeline emits it.
/// </summary>
internal sealed class PhotoRebuilder
{
    private readonly StageImportContext _context;

    public PhotoRebuilder(StageImportContext context) => _context = context;

    public IEnumerable<Photo> Photos(string throughStage)
    {
        var target = StageCatalog.Find(throughStage) is { Kind: StageKind.PerPhoto } found ? found
            : throw new ArgumentException($"'{throughStage}' is not a per-photo stage ({string.Join(", ", StageCatalog.PerPhoto)}).", nameof(throughStage));
        // An optional stage below the target is joined only when the batch has its record.
        var opened = StageCatalog.PerPhoto.Where(s => s.Order <= target.Order)
            .Where(s => s == target || !s.Optional || HasDocument(s.Name))
            .Select(s => (Stage: s, Records: StageImporter.PhotoReaderOf(s).Open(_context)))
            .ToList();
        // The first stage (ingest) holds the files: its entries are the photos.
        var (sourceStage, source) = opened[0];
        var wanted = new HashSet<string>(opened[^1].Records.PhotoIds, StringComparer.Ordinal);
        foreach (var id in opened[^1].Records.PhotoIds.Where(id => !source.Contains(id)))
        {
            Missing(id, sourceStage.Name);
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (photoId, fromSource) in source.Entries)
        {
            if (!wanted.Contains(photoId) || failed.Contains(photoId)) continue;
            var photo = new Photo();
            try
            {
                fromSource(photo);
                if (!AttachLater(photo, opened)) { failed.Add(photoId); continue; }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                failed.Add(photoId);
                _context.Problem(new PhotoInputException(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, _context.StageFile,
                    $"Photo {photoId} ('{photo.FileName}') cannot be rebuilt from the {_context.Stage} record of batch '{_context.BatchId}': {ex.Message}", ex));
                continue;
            }
            if (photo.Score is { IsDropped: true } && !_context.IncludeDropped) continue;
            yield return photo;
        }
        foreach (var (_, records) in opened) records.Finish();
    }

    /// <summary>Attaches every stage after the first; false (reported) when a required record is missing.</summary>
    private bool AttachLater(Photo photo, IReadOnlyList<(StageDescriptor Stage, PhotoStageRecords Records)> opened)
    {
        for (var i = 1; i < opened.Count; i++)
        {
            var (stage, records) = opened[i];
            if (records.TryAttach(photo)) continue;
            if (stage.Optional && i < opened.Count - 1) continue;
            Missing(photo.PhotoId, stage.Name, photo.FileName);
            return false;
        }
        return true;
    }

    private bool HasDocument(string stage) => _context.Stage == stage || File.Exists(_context.Layout.StageJsonPath(stage, _context.BatchId));

    private void Missing(string photoId, string stage, string? fileName = null) =>
        _context.Problem(new PhotoInputException(PhotoErrorIds.PhotoNotInEarlierStage, PhotoProblem.NotFound, _context.StageFile,
            $"Photo {photoId}{(fileName is null ? "" : $" ('{fileName}')")} of the {_context.Stage} record is not in the {stage} record of batch '{_context.BatchId}' ({_context.Layout.StageJsonPath(stage, _context.BatchId)}); it was skipped."));
}
