using PhotoCuration.Engine.Moments;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// The selection's candidates of a batch grouped in parts (docs/architecture.md#archive-scale), gathered
/// moment by moment while each moment's full photos are at hand. Only the candidates that can matter to
/// the selection are kept — those within <see cref="SelectionOptions.MaxPerMoment"/> of their moment's
/// top (pickable; the hero is also the moment's coverage target), and any locked or excluded one — and
/// they hold a light copy of their photo: what the selection reads of a candidate that is not picked
/// (id, lock and exclude, the score's Total and gate verdict, the features its coverage axes read).
/// Every other frame can be neither picked nor covered, so it is held as its line of the optimizer
/// document's idempotency key only. The picks get their whole photos back (<see cref="Whole"/>): their
/// moments are rebuilt and ranked again, which gives the same photos (ranking is deterministic). The
/// selection made from these is the one made from every candidate: the same picks, document and list.
/// </summary>
public sealed class PartwiseCandidates
{
    private readonly SelectionStage _stage;
    private readonly PhotoTheme _theme;
    private readonly int _maxPerMoment;
    private readonly Func<IReadOnlySet<string>, IEnumerable<Photo>> _rebuild;

    /// <summary>Every candidate of every moment, in candidate order: a kept candidate, or the key of one let go.</summary>
    private readonly List<Entry> _entries = new();

    /// <summary>Per moment id, what ranks it again: its members' ids in ranking order and each one's files.</summary>
    private readonly Dictionary<string, (string[] Members, int[] Copies)> _moments = new(StringComparer.Ordinal);

    private readonly record struct Entry(SelectionCandidate? Kept, string PhotoId, string MomentId, int Rank, double Quality);

    /// <param name="stage">The selection stage that will select (its theme, options and embeddings make the candidates).</param>
    /// <param name="rebuild">The whole photos with these ids (every file of each), in input order.</param>
    public PartwiseCandidates(SelectionStage stage, PhotoTheme theme, SelectionOptions options, Func<IReadOnlySet<string>, IEnumerable<Photo>> rebuild)
    {
        _stage = stage;
        _theme = theme;
        _maxPerMoment = options.MaxPerMoment;
        _rebuild = rebuild;
    }

    /// <summary>The candidates kept so far, in candidate order.</summary>
    public List<SelectionCandidate> Kept { get; } = new();

    /// <summary>One ranked moment with its full members (<see cref="SelectionStage.CandidatesOf"/>).</summary>
    public void Add(PartwiseMomentStage.RankedMoment ranked)
    {
        var moment = ranked.Moment;
        // The ids as the grouping records hold them: a rebuilt photo's are copies, one more string per frame.
        var ids = ranked.Members.ToDictionary(m => m, m => m, StringComparer.Ordinal);
        foreach (var c in _stage.CandidatesOf(moment))
        {
            var id = ids.GetValueOrDefault(c.PhotoId, c.PhotoId);
            if (c.MomentRank <= _maxPerMoment || c.IsLocked || c.IsExcluded)
            {
                var light = new SelectionCandidate
                {
                    // The grouping record of the frame (the luma grid in 16 bits: LumaCells), not the whole photo's arrays.
                    Photo = Light(c.Photo, id), Moment = MomentCandidate.FromPhoto(c.Photo, c.Moment.Embedding, compact: true), MomentId = c.MomentId, MomentSize = c.MomentSize, MomentRank = c.MomentRank, HeroLead = c.HeroLead,
                };
                Kept.Add(light);
                _entries.Add(new Entry(light, id, c.MomentId, c.MomentRank, c.Quality));
            }
            else _entries.Add(new Entry(null, id, c.MomentId, c.MomentRank, c.Quality));
        }
        _moments[moment.MomentId] = (ranked.Members, ranked.Copies);
    }

    /// <summary>Every candidate's line of the idempotency key, in candidate order (<see cref="SelectionStage.KeyLine"/>).</summary>
    public IEnumerable<string> KeyLines() =>
        _entries.Select(e => SelectionStage.KeyLine(e.PhotoId, e.MomentId, e.Rank, e.Kept?.IsLocked ?? false, e.Kept?.IsExcluded ?? false, e.Quality));

    /// <summary>The whole photos of these candidates, in order: their moments rebuilt and ranked again, as grouping ranked them.</summary>
    public IReadOnlyList<Photo> Whole(IReadOnlyList<SelectionCandidate> candidates)
    {
        var moments = candidates.Select(c => c.MomentId).Distinct(StringComparer.Ordinal).ToList();
        var originals = PartwiseMomentStage.Originals(_rebuild(moments.SelectMany(m => _moments[m].Members).ToHashSet(StringComparer.Ordinal)));
        var whole = new Dictionary<string, Photo>(StringComparer.Ordinal);
        foreach (var id in moments)
        {
            var (members, copies) = _moments[id];
            var (ranked, _) = MomentStage.RankMoment(members.Select(m => originals[m]).ToList(), _theme, id,
                members.Select((m, i) => (m, copies[i])).ToDictionary(x => x.m, x => x.Item2, StringComparer.Ordinal));
            foreach (var photo in ranked)
            {
                photo.MomentId = id;
                whole[photo.PhotoId] = photo;
            }
        }
        return candidates.Select(c => whole[c.PhotoId]).ToList();
    }

    private static readonly PhotoExif NoExif = new();

    /// <summary>
    /// What the selection reads of a candidate it does not pick: its identity, lock and exclude, moment, the
    /// score's Total and gate verdict, and the features and faces its coverage axes read (<see cref="CoverageAxes.Of"/>).
    /// </summary>
    private static Photo Light(Photo photo, string id) => new()
    {
        // Selection reads no EXIF of a candidate it does not pick: one empty record for all of them.
        Exif = NoExif,
        PhotoId = id,
        FileName = photo.FileName,
        Path = photo.Path,
        IsLocked = photo.IsLocked,
        IsExcluded = photo.IsExcluded,
        MomentId = photo.MomentId,
        FaceModel = photo.FaceModel,
        Faces = photo.Faces,
        Score = photo.Score is { } s ? new PhotoScore
        {
            Total = s.Total, Verdict = s.Verdict, IsDropped = s.IsDropped, DropReasons = s.DropReasons, FlagReasons = s.FlagReasons,
        } : null,
        Features = photo.Features is { } f ? new PhotoFeatures
        {
            SceneType = f.SceneType, Palette = f.Palette, TimeOfDay = f.TimeOfDay, PeopleCount = f.PeopleCount, Orientation = f.Orientation,
        } : null,
    };
}
