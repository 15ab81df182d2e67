using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Group-PhotoMoment for a batch too large to hold its photos (docs/architecture.md#archive-scale): the
/// moments are found on compact records (one <see cref="MomentCandidate"/> per distinct photo, its luma
/// grid in 16 bits), and the full photos are rebuilt only part by part, a run of consecutive moments at
/// a time, to rank those moments (<see cref="MomentStage.RankMoment"/>). What the clustering document
/// writes of each moment (its members best first, time span, rationales) is kept from that ranking, so
/// the document is the one <see cref="MomentStage"/> writes for the same photos, byte for byte.
/// </summary>
public sealed class PartwiseMomentStage : IBatchStage<PartwiseMomentStage.Input, PartwiseMomentStage.Outcome>
{
    private readonly PhotoTheme _theme;
    private readonly MomentParameters _parameters;
    private readonly bool _calibrate;

    public PartwiseMomentStage(PhotoTheme theme, MomentParameters parameters, bool calibrate)
    {
        _theme = theme;
        _parameters = parameters;
        _calibrate = calibrate;
    }

    public StageDescriptor Descriptor => StageCatalog.Clustering;

    /// <summary>One file of a scored photo to group, in input order; exact duplicates share the photo id.</summary>
    /// <param name="IsDuplicate">The file is a copy of another (<see cref="Photo.DuplicateOf"/> set).</param>
    /// <param name="StoredPath">A copy's path as the document names it (<see cref="Workspace.OriginalPaths.ToStored"/>); null for an original.</param>
    public sealed record Row(string PhotoId, string Path, bool IsDuplicate, string? StoredPath, MomentCandidate Candidate);

    /// <param name="Rebuild">The full photos with these ids (every file of each), in input order.</param>
    /// <param name="PartPhotos">Most photos rebuilt at once (a part holds at least one whole moment).</param>
    /// <param name="Ranked">Handed each moment, in order, while its photos are at hand (<see cref="RankedMoment"/>).</param>
    public sealed record Input(string BatchId, string Workspace, IReadOnlyList<Row> Rows, Func<IReadOnlySet<string>, IEnumerable<Photo>> Rebuild,
        IReadOnlyList<StageError> Errors, int PartPhotos, Action<RankedMoment>? Ranked = null);

    /// <summary>
    /// A moment as <see cref="MomentStage"/> makes it (full members, best first), with what ranks it again:
    /// its members' ids in the order they were ranked from, and how many files (an original and its
    /// exact copies) each stands for (<see cref="MomentStage.RankMoment"/>).
    /// </summary>
    public sealed record RankedMoment(PhotoMoment Moment, string[] Members, int[] Copies);

    /// <summary>One ranked moment, without its photos: members as candidate indices, best first.</summary>
    public sealed record Moment(string MomentId, int[] Ranked, DateTime? Start, DateTime? End, HeldRationale[] Rationales);

    /// <summary>
    /// What the clustering document writes of a member's <see cref="MomentRationale"/>, held until it is written:
    /// the member as a candidate index, its reason in UTF-8 (half the bytes of the string; kept as the string
    /// when it would not come back the same), its detail fraction and flags.
    /// </summary>
    public readonly record struct HeldRationale(int Candidate, object Reason, double DetailFraction, string[] Flags)
    {
        public static HeldRationale Of(MomentRationale r, int candidate)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(r.Reason);
            object reason = System.Text.Encoding.UTF8.GetString(bytes) == r.Reason ? bytes : r.Reason;
            return new HeldRationale(candidate, reason, r.DetailFraction, r.Flags);
        }

        public MomentRationale ToRationale(string photoId) => new()
        {
            PhotoId = photoId,
            Reason = Reason as string ?? System.Text.Encoding.UTF8.GetString((byte[])Reason),
            DetailFraction = DetailFraction,
            Flags = Flags,
        };
    }

    /// <param name="Totals">Each candidate's Total after its moment was ranked (sibling flags cap a softer frame's).</param>
    public sealed record Outcome(IReadOnlyList<Moment> Moments, double[] Totals, ClusteringStageDocument Document, MomentGrouping Grouping)
        : IBatchStageResult<ClusteringStageDocument>;

    public Outcome Run(Input input, CancellationToken cancellation)
    {
        // Exact duplicates share a photo id: one candidate, the original (no DuplicateOf) first, as MomentStage folds them.
        var distinct = Enumerable.Range(0, input.Rows.Count)
            .GroupBy(r => input.Rows[r].PhotoId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => input.Rows[r].IsDuplicate ? 1 : 0).ThenBy(r => input.Rows[r].Path, StringComparer.Ordinal).ToArray())
            .OrderBy(rows => input.Rows[rows[0]].PhotoId, StringComparer.Ordinal)
            .ToList();
        var candidates = distinct.Select(rows => input.Rows[rows[0]].Candidate).ToList();
        var grouping = MomentGrouper.Group(candidates, _parameters, _calibrate);

        var totals = new double[candidates.Count];
        var moments = new Moment[grouping.Clusters.Count];
        foreach (var part in Parts(grouping.Clusters, input.PartPhotos))
        {
            cancellation.ThrowIfCancellationRequested();
            // The previous part's photos are let go before this part's are rebuilt.
            if (part[0] > 0) Readers.RebuildPart.Done();
            var originals = Originals(input.Rebuild(part.SelectMany(k => grouping.Clusters[k]).Select(i => candidates[i].PhotoId).ToHashSet(StringComparer.Ordinal)));
            foreach (var k in part)
            {
                var cluster = grouping.Clusters[k];
                var id = MomentGrouper.MomentId(k);
                var copies = cluster.ToDictionary(i => candidates[i].PhotoId, i => distinct[i].Length, StringComparer.Ordinal);
                var members = cluster.Select(i => originals[candidates[i].PhotoId]).ToList();
                var (ranked, rationales) = MomentStage.RankMoment(members, _theme, id, copies);
                var indexOf = cluster.ToDictionary(i => candidates[i].PhotoId, i => i, StringComparer.Ordinal);
                foreach (var i in cluster) totals[i] = originals[candidates[i].PhotoId].Score?.Total ?? 0;
                var (start, end) = MomentStage.Span(ranked);
                moments[k] = new Moment(id, ranked.Select(p => indexOf[p.PhotoId]).ToArray(), start, end,
                    rationales.Select(r => HeldRationale.Of(r, indexOf[r.PhotoId])).ToArray());
                if (input.Ranked is { } handOn)
                {
                    foreach (var photo in ranked) photo.MomentId = id;
                    handOn(new RankedMoment(new PhotoMoment
                    {
                        MomentId = id, BatchId = input.BatchId, Workspace = input.Workspace,
                        Members = ranked.ToArray(), Hero = ranked[0], Alternates = ranked.Skip(1).ToArray(), Rationales = rationales,
                        Start = start, End = end, MaxLinkDistance = grouping.Links(k).Select(l => l.PHashDistance).DefaultIfEmpty(0).Max(),
                    }, cluster.Select(i => candidates[i].PhotoId).ToArray(), cluster.Select(i => distinct[i].Length).ToArray()));
                }
            }
        }

        var document = new ClusteringStageDocument { BatchId = input.BatchId, ThemeSpecRef = _theme.Name, Errors = input.Errors.ToList() };
        document.Clusters = DescribeAll(moments, grouping, candidates, i => distinct[i].Select(r => input.Rows[r]).Where(r => r.IsDuplicate).Select(r => r.StoredPath!));
        MomentStage.Complete(document, grouping, candidates.Select((c, i) => (c.PhotoId, totals[i])));
        return new Outcome(moments, totals, document, grouping);
    }

    /// <summary>Runs of consecutive moments with at most <paramref name="photos"/> members between them (a larger moment is a part of its own).</summary>
    internal static IEnumerable<List<int>> Parts(IReadOnlyList<int[]> clusters, int photos)
    {
        var part = new List<int>();
        var held = 0;
        for (var k = 0; k < clusters.Count; k++)
        {
            if (part.Count > 0 && held + clusters[k].Length > photos)
            {
                yield return part;
                part = new List<int>();
                held = 0;
            }
            part.Add(k);
            held += clusters[k].Length;
        }
        if (part.Count > 0) yield return part;
    }

    /// <summary>Per photo id, the file MomentStage ranks: the original before its copies, then by path; the first in input order on a tie.</summary>
    internal static Dictionary<string, Photo> Originals(IEnumerable<Photo> photos)
    {
        var chosen = new Dictionary<string, Photo>(StringComparer.Ordinal);
        foreach (var photo in photos)
        {
            if (!chosen.TryGetValue(photo.PhotoId, out var held) || Before(photo, held)) chosen[photo.PhotoId] = photo;
        }
        return chosen;
    }

    private static bool Before(Photo a, Photo b)
    {
        var (da, db) = (a.DuplicateOf is null ? 0 : 1, b.DuplicateOf is null ? 0 : 1);
        return da != db ? da < db : string.CompareOrdinal(a.Path, b.Path) < 0;
    }

    private static IEnumerable<ClusteringStageDocument.Cluster> DescribeAll(Moment[] moments, MomentGrouping grouping, IReadOnlyList<MomentCandidate> candidates, Func<int, IEnumerable<string>> duplicatesOf)
    {
        for (var k = 0; k < moments.Length; k++)
        {
            var m = moments[k];
            yield return MomentStage.Describe(k, m.Ranked.Select(i => candidates[i].PhotoId).ToList(), m.Start, m.End,
                m.Rationales.Select(r => r.ToRationale(candidates[r.Candidate].PhotoId)).ToList(), grouping, candidates, duplicatesOf);
        }
    }
}
