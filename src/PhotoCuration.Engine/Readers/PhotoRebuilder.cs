namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds <see cref="Photo"/> objects by joining the per-photo stage records of one batch on photo id,
/// through the catalogue's per-photo stages in order, each by its descriptor's reader
/// (<see cref="PhotoStageReader.Open"/>): ingest (file, EXIF, lock/exclude, duplicates) → preprocess →
/// features → faces (an optional stage: joined when recorded) → scoring. The photos emitted are those the
/// last stage lists, in ingest order; an exact duplicate (listed once per stage under its shared id) comes
/// back with each of its files, as the live pipeline emits it.
/// <para>
/// Stage by stage, each document streamed once (docs/architecture.md#archive-scale): ingest's records
/// make the photos, and every later stage's records attach to them as they are read, so no document is
/// ever held whole next to the photos. A photo's first failure (a record that cannot be rebuilt, or a
/// missing required record) is kept and reported, in ingest order, for the photos the last stage lists.
/// </para>
/// </summary>
internal sealed class PhotoRebuilder
{
    private readonly StageImportContext _context;
    private readonly PhotoStrings _strings = new();

    public PhotoRebuilder(StageImportContext context) => _context = context;

    /// <summary>One file of the ingest record: its photo, and why it cannot be rebuilt (null: it can).</summary>
    private sealed class Slot(string id, Photo photo, int position)
    {
        public string Id { get; } = id;
        public Photo Photo { get; } = photo;
        public int Position { get; } = position;
        public PhotoInputException? Failure { get; set; }
    }

    /// <summary>The files of one photo id, and the last stage (by index) whose record reached them.</summary>
    private sealed class Group
    {
        public List<Slot> Slots { get; } = new(1);
        public int AttachedThrough { get; set; }
    }

    public IEnumerable<Photo> Photos(string throughStage) => Photos(throughStage, null).Select(x => x.Photo);

    /// <summary>
    /// The photos as <see cref="Photos(string)"/> gives them, each with its place among ingest's entries, or
    /// only those a <paramref name="part"/> takes (docs/architecture.md#archive-scale: a large batch is
    /// rebuilt part by part, so its photos are never all held at once).
    /// </summary>
    public IEnumerable<(int Position, Photo Photo)> Photos(string throughStage, RebuildPart? part)
    {
        var target = StageCatalog.Find(throughStage) is { Kind: StageKind.PerPhoto } found ? found
            : throw new ArgumentException($"'{throughStage}' is not a per-photo stage ({string.Join(", ", StageCatalog.PerPhoto)}).", nameof(throughStage));
        // An optional stage below the target is joined only when the batch has its record.
        var opened = StageCatalog.PerPhoto.Where(s => s.Order <= target.Order)
            .Where(s => s == target || !s.Optional || HasDocument(s.Name))
            .Select(s => (Stage: s, Records: StageImporter.PhotoReaderOf(s).Open(_context)))
            .ToList();

        // The first stage (ingest) holds the files: its entries are the photos.
        var slots = new List<Slot>();
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        // A part reports the records of ids ingest never listed once, on its first pass (part.ReportsForeign).
        var ingested = part is { ReportsForeign: true } ? new HashSet<string>(StringComparer.Ordinal) : null;
        // A part reads whole only its own ingest records: by ids, or by position, every entry counted as it is passed by.
        var position = -1;
        _context.RecordFilter = part is null ? null : part.Ids ?? (id =>
        {
            position++;
            ingested?.Add(id);
            return part.Takes(position, id);
        });
        foreach (var (photoId, fromSource) in opened[0].Records.Entries)
        {
            if (part is not { Ids: null }) position++;
            var slot = new Slot(photoId, new Photo(), position);
            Attach(slot, photoId, fromSource);
            slots.Add(slot);
            if (!groups.TryGetValue(photoId, out var group)) groups[photoId] = group = new Group();
            group.Slots.Add(slot);
        }

        // Every later stage attaches its first record of each id as it streams by.
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var notInSource = new List<string>();
        // A part's later stages read only its own records (and, on the first part, those of ids ingest never listed).
        _context.RecordFilter = part is null ? null : id => groups.ContainsKey(id) || ingested?.Contains(id) == false;
        for (var i = 1; i < opened.Count; i++)
        {
            var last = i == opened.Count - 1;
            foreach (var (photoId, attach) in opened[i].Records.Entries)
            {
                // A part holds only its own ids (and the foreign ones it reports), never the whole batch's.
                if (last && (part is null || groups.ContainsKey(photoId) || ingested?.Contains(photoId) == false)
                    && wanted.Add(photoId) && !groups.ContainsKey(photoId)) notInSource.Add(photoId);
                if (!groups.TryGetValue(photoId, out var group) || group.AttachedThrough == i) continue;
                var reached = group.AttachedThrough == i - 1;
                group.AttachedThrough = i;
                foreach (var slot in group.Slots.Where(s => s.Failure is null))
                {
                    // A record past a missing one is not attached: the photo is already lost.
                    if (reached) Attach(slot, photoId, attach);
                }
            }
            // Photos this stage has no record for: lost unless the stage is optional and not the last.
            foreach (var (photoId, group) in groups)
            {
                if (group.AttachedThrough == i) continue;
                if (opened[i].Stage.Optional && !last)
                {
                    if (group.AttachedThrough == i - 1) group.AttachedThrough = i;
                    continue;
                }
                foreach (var slot in group.Slots) slot.Failure ??= Missing(photoId, opened[i].Stage.Name, slot.Photo.FileName);
                group.AttachedThrough = -1;
            }
        }
        _context.RecordFilter = null;
        // Imported through ingest itself, every file is wanted.
        if (opened.Count == 1) wanted.UnionWith(groups.Keys);
        foreach (var id in notInSource) _context.Problem(Missing(id, opened[0].Stage.Name));

        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            var photoId = slot.Id;
            if (!wanted.Contains(photoId) || failed.Contains(photoId)) continue;
            if (slot.Failure is { } failure)
            {
                failed.Add(photoId);
                _context.Problem(failure);
                continue;
            }
            if (slot.Photo.Score is { IsDropped: true } && !_context.IncludeDropped) continue;
            yield return (slot.Position, slot.Photo);
        }
        if (part is not null) part.Entries = position + 1;
        foreach (var (_, records) in opened) records.Finish();
    }

    /// <summary>Sets one record on the photo; a record that cannot be rebuilt is the photo's failure.</summary>
    private void Attach(Slot slot, string photoId, Action<Photo> attach)
    {
        try
        {
            attach(slot.Photo);
            _strings.Share(slot.Photo);
        }
        catch (PhotoInputException ex)
        {
            // An original in a library with no root here (UnknownLibrary): that photo's own error, as the step goes on.
            slot.Failure ??= ex;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            slot.Failure ??= new PhotoInputException(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, _context.StageFile,
                $"Photo {photoId} ('{slot.Photo.FileName}') cannot be rebuilt from the {_context.Stage} record of batch '{_context.BatchId}': {ex.Message}", ex);
        }
    }

    private bool HasDocument(string stage) => _context.Stage == stage || File.Exists(_context.Layout.StageJsonPath(stage, _context.BatchId));

    private PhotoInputException Missing(string photoId, string stage, string? fileName = null) =>
        new(PhotoErrorIds.PhotoNotInEarlierStage, PhotoProblem.NotFound, _context.StageFile,
            $"Photo {photoId}{(fileName is null ? "" : $" ('{fileName}')")} of the {_context.Stage} record is not in the {stage} record of batch '{_context.BatchId}' ({_context.Layout.StageJsonPath(stage, _context.BatchId)}); it was skipped.");
}
