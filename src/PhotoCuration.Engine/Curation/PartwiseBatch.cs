using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Curation;

/// <summary>
/// The scored photos of a large batch as a coordinator's global steps need them (docs/architecture.md#archive-scale):
/// read from the stage JSON part by part (a range of ingest's entries at a time, through the same
/// rebuild as Import-PhotoStage), each kept photo turned into a compact grouping record
/// (<see cref="PartwiseMomentStage.Row"/>) and let go, so the full photos of the batch are never all held.
/// The photos the technical gate dropped (few) are kept whole. Full photos are rebuilt again on demand,
/// by id (<see cref="Rebuild"/>), for the moments being ranked and for the picks.
/// </summary>
public sealed class PartwiseBatch
{
    private PartwiseBatch(StageImportContext quiet, List<PartwiseMomentStage.Row> kept, List<Photo> dropped)
    {
        Kept = kept;
        Dropped = dropped;
        // Over the stage files alone, so whoever keeps it (the selection, for its picks) does not keep the records.
        Rebuild = ids => quiet.Photos(quiet.Stage, RebuildPart.Of(ids)).Select(x => x.Photo);
    }

    /// <summary>The kept photos' files as grouping records, in ingest order.</summary>
    public IReadOnlyList<PartwiseMomentStage.Row> Kept { get; }

    /// <summary>The photos the gate dropped, whole (present when the context includes dropped photos).</summary>
    public IReadOnlyList<Photo> Dropped { get; }

    /// <summary>
    /// Reads the batch of <paramref name="context"/> (a per-photo stage file: <see cref="StageImporter.PerPhotoContext"/>)
    /// <paramref name="partPhotos"/> photos at a time. Problems and warnings go to the context's sinks, as
    /// Import-PhotoStage reports them (each part's score warning on its own).
    /// </summary>
    /// <param name="embeddingOf">A photo's CLIP embedding for grouping, or null for none.</param>
    public static PartwiseBatch Load(StageImportContext context, int partPhotos, Func<Photo, float[]?>? embeddingOf = null)
    {
        if (partPhotos < 1) throw new ArgumentOutOfRangeException(nameof(partPhotos), "A part holds at least one photo.");
        var kept = new List<PartwiseMomentStage.Row>();
        var dropped = new List<Photo>();
        for (var from = 0; ; from += partPhotos)
        {
            var part = RebuildPart.Positions(from, from + partPhotos);
            foreach (var (_, photo) in context.Photos(context.Stage, part))
            {
                if (photo.Score is { IsDropped: true })
                {
                    dropped.Add(photo);
                    continue;
                }
                kept.Add(new PartwiseMomentStage.Row(photo.PhotoId, photo.Path, photo.DuplicateOf is not null,
                    photo.DuplicateOf is not null ? OriginalPaths.ToStored(photo) : null,
                    MomentCandidate.FromPhoto(photo, embeddingOf?.Invoke(photo), compact: true)));
            }
            if (part.Entries <= from + partPhotos) break;
            RebuildPart.Done();
        }
        // A path only orders the files of one id (the original before its copies); most ids have one file.
        var files = kept.GroupBy(r => r.PhotoId, StringComparer.Ordinal).Where(g => g.Skip(1).Any()).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < kept.Count; i++)
        {
            if (!files.Contains(kept[i].PhotoId)) kept[i] = kept[i] with { Path = "" };
        }
        var quiet = StageImporter.PerPhotoContext(context.StageFile, context.Layout.Root, includeDropped: true, _ => { }, _ => { }, context.Library);
        return new PartwiseBatch(quiet, kept, dropped);
    }

    /// <summary>The full photos with these ids (every file of each, in ingest order), rebuilt from the stage JSON; nothing is reported again.</summary>
    public Func<IReadOnlySet<string>, IEnumerable<Photo>> Rebuild { get; }
}
