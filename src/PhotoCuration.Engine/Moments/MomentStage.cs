using System.Globalization;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Group-PhotoMoment for one batch: folds exact duplicates into their original, groups the distinct
/// photos into moments, ranks each moment, sets <see cref="Photo.MomentId"/>, and builds the clustering
/// stage JSON with the evidence behind every decision.
/// </summary>
public sealed class MomentStage : IBatchStage<MomentStage.Input, MomentStage.Outcome>
{
    public static readonly string StageName = StageCatalog.Clustering.Name;

    private readonly PhotoTheme _theme;
    private readonly MomentParameters _parameters;
    private readonly bool _calibrate;
    private readonly Func<Photo, float[]?>? _embeddingOf;

    public MomentStage(PhotoTheme theme, MomentParameters parameters, bool calibrate, Func<Photo, float[]?>? embeddingOf = null)
    {
        _theme = theme;
        _parameters = parameters;
        _calibrate = calibrate;
        _embeddingOf = embeddingOf;
    }

    /// <summary>Parameters from a theme, with per-run overrides.</summary>
    public static MomentParameters ParametersFor(PhotoTheme theme, double? timeGapSeconds = null, double? maxHashDistance = null, double? minCosine = null) => new()
    {
        TimeGapSeconds = timeGapSeconds ?? theme.MomentTimeGapSeconds,
        MaxHashDistance = maxHashDistance ?? theme.MomentPHashMaxDistance,
        MinCosine = minCosine ?? theme.MomentMinCosine,
    };

    public StageDescriptor Descriptor => StageCatalog.Clustering;

    /// <summary>The scored photos of one batch to group; <paramref name="Errors"/> are the photos left out (no features), recorded in the document.</summary>
    public sealed record Input(string BatchId, string Workspace, IReadOnlyList<Photo> Photos, IReadOnlyList<StageError> Errors);

    public sealed record Outcome(IReadOnlyList<PhotoMoment> Moments, ClusteringStageDocument Document, MomentGrouping Grouping) : IBatchStageResult<ClusteringStageDocument>;

    public Outcome Run(Input input, CancellationToken cancellation) => Run(input.BatchId, input.Workspace, input.Photos, input.Errors);

    /// <summary>Groups one batch. Photos without features are reported in <paramref name="errors"/> and left out.</summary>
    public Outcome Run(string batchId, string workspace, IReadOnlyList<Photo> photos, IReadOnlyList<StageError> errors)
    {
        // Exact duplicates share a photo id: one candidate, the original (no DuplicateOf) first.
        var distinct = photos
            .GroupBy(p => p.PhotoId, StringComparer.Ordinal)
            .Select(g => (Photo: g.OrderBy(p => p.DuplicateOf is null ? 0 : 1).ThenBy(p => p.Path, StringComparer.Ordinal).First(), Copies: g.ToList()))
            .OrderBy(x => x.Photo.PhotoId, StringComparer.Ordinal)
            .ToList();
        var candidates = distinct.Select(x => MomentCandidate.FromPhoto(x.Photo, _embeddingOf?.Invoke(x.Photo))).ToList();
        var grouping = MomentGrouper.Group(candidates, _parameters, _calibrate);

        var copiesOf = distinct.Select(d => d.Copies).ToList();
        var moments = new List<PhotoMoment>();
        var document = new ClusteringStageDocument { BatchId = batchId, ThemeSpecRef = _theme.Name, Errors = errors.ToList() };
        for (var k = 0; k < grouping.Clusters.Count; k++)
        {
            var id = MomentGrouper.MomentId(k);
            var copies = grouping.Clusters[k].ToDictionary(i => distinct[i].Photo.PhotoId, i => distinct[i].Copies.Count, StringComparer.Ordinal);
            var (ranked, rationales) = RankMoment(grouping.Clusters[k].Select(i => distinct[i].Photo).ToList(), _theme, id, copies);
            foreach (var i in grouping.Clusters[k])
            {
                foreach (var copy in distinct[i].Copies) copy.MomentId = id;
            }
            var (start, end) = Span(ranked);
            var moment = new PhotoMoment
            {
                MomentId = id,
                BatchId = batchId,
                Workspace = workspace,
                Members = ranked.ToArray(),
                Hero = ranked[0],
                Alternates = ranked.Skip(1).ToArray(),
                Rationales = rationales,
                Start = start,
                End = end,
                MaxLinkDistance = grouping.Links(k).Select(l => l.PHashDistance).DefaultIfEmpty(0).Max(),
            };
            moments.Add(moment);
        }
        document.Clusters = DescribeAll(moments, grouping, candidates, i => copiesOf[i].Where(p => p.DuplicateOf is not null).Select(OriginalPaths.ToStored));
        Complete(document, grouping, distinct.Select(d => (d.Photo.PhotoId, d.Photo.Score?.Total ?? 0)));
        return new Outcome(moments, document, grouping);
    }

    /// <summary>
    /// The document's parameters, distance statistics and idempotency key, from the grouping and each
    /// distinct photo's Total after its moment was ranked (in photo id order).
    /// </summary>
    internal static void Complete(ClusteringStageDocument document, MomentGrouping grouping, IEnumerable<(string PhotoId, double Total)> ranked)
    {
        document.Params = Describe(grouping, grouping.Candidates.Count);
        document.Distances = new ClusteringStageDocument.DistanceSummary
        {
            Within = Stats(grouping.WithinHistogram),
            Between = Stats(grouping.BetweenHistogram),
        };
        document.IdempotencyKey = Hashing.Of(new[] { document.BatchId, StageName, StageCatalog.Clustering.Version, StageJson.Serialize(document.Params) }
            .Concat(ranked.Select(d => d.PhotoId + "|" + d.Total.ToString("R", CultureInfo.InvariantCulture)))
            .ToArray());
    }

    /// <summary>The first and last local capture time of a moment's members, null when none has one.</summary>
    internal static (DateTime? Start, DateTime? End) Span(IEnumerable<Photo> members)
    {
        var times = members.Select(p => p.Exif.CaptureTimeLocal).Where(t => t is not null).Select(t => t!.Value).ToList();
        return times.Count > 0 ? (times.Min(), times.Max()) : (null, null);
    }

    /// <summary>
    /// Judges one moment's frames together: noise that is the scene's grain is re-scored as such, the
    /// frames are ranked (docs/algorithms.md#ranking-inside-a-moment) and explained, and a clearly softer
    /// frame is flagged on its score below the siblings that out-sharpen it. Starts from the scorecard's
    /// own verdicts each time, so judging a moment twice changes nothing.
    /// </summary>
    /// <param name="copies">Exact duplicates folded into each member, by photo id (named in reasons); optional.</param>
    public static (IReadOnlyList<Photo> Ranked, MomentRationale[] Rationales) RankMoment(IReadOnlyList<Photo> members, PhotoTheme theme, string momentId, IReadOnlyDictionary<string, int>? copies = null)
    {
        foreach (var photo in members) SiblingFlags.Reset(photo);
        // Noise that is the scene's grain is no flaw (docs/algorithms.md#scene-grain-inside-a-moment).
        SceneGrain.Judge(members, theme);
        var ranked = MomentRanker.Rank(members);
        var rationales = MomentRanker.Explain(ranked, theme.Weights, copies, momentId);
        // Flag the clearly softer frames on their scores (after the reasons, which compare the scorecard's
        // Totals), sharpest first, so each is capped below siblings already capped.
        foreach (var r in rationales.OrderByDescending(r => ranked[r.Rank - 1].Features?.Detail ?? 0).ThenBy(r => r.Rank))
        {
            var softer = r.Flags.FirstOrDefault(f => f.StartsWith("softer than ", StringComparison.Ordinal));
            var photo = ranked[r.Rank - 1];
            if (softer is not null) SiblingFlags.Apply(photo, softer, SiblingFlags.Ceiling(photo, ranked));
        }
        return (ranked, rationales);
    }

    /// <summary>The clusters one at a time, as the document is written: deterministic, so enumerating again gives the same clusters.</summary>
    private static IEnumerable<ClusteringStageDocument.Cluster> DescribeAll(IReadOnlyList<PhotoMoment> moments, MomentGrouping grouping, IReadOnlyList<MomentCandidate> candidates, Func<int, IEnumerable<string>> duplicatesOf)
    {
        for (var k = 0; k < moments.Count; k++)
        {
            var m = moments[k];
            yield return Describe(k, m.Members.Select(p => p.PhotoId).ToList(), m.Start, m.End, m.Rationales, grouping, candidates, duplicatesOf);
        }
    }

    /// <summary>
    /// One cluster of the document: the k-th moment's members best first, its time span and rationales,
    /// the exact duplicates folded into its members (<paramref name="duplicatesOf"/>: the stored paths of a
    /// candidate's copies), its links and its nearest outside pair.
    /// </summary>
    internal static ClusteringStageDocument.Cluster Describe(int k, IReadOnlyList<string> ranked, DateTime? start, DateTime? end, IReadOnlyList<MomentRationale> rationales,
        MomentGrouping grouping, IReadOnlyList<MomentCandidate> candidates, Func<int, IEnumerable<string>> duplicatesOf)
    {
        var cluster = new ClusteringStageDocument.Cluster
        {
            ClusterId = MomentGrouper.MomentId(k),
            Members = ranked.ToList(),
            Hero = ranked[0],
            Alternates = ranked.Skip(1).ToList(),
            Start = start?.ToString(ClusteringStageDocument.TimeFormat, CultureInfo.InvariantCulture),
            End = end?.ToString(ClusteringStageDocument.TimeFormat, CultureInfo.InvariantCulture),
            Rationales = rationales.ToDictionary(r => r.PhotoId, r => r.Reason, StringComparer.Ordinal),
            DetailFractions = rationales.ToDictionary(r => r.PhotoId, r => r.DetailFraction, StringComparer.Ordinal),
            Flags = rationales.Where(r => r.Flags.Length > 0).ToDictionary(r => r.PhotoId, r => r.Flags, StringComparer.Ordinal),
            Links = grouping.Links(k).Select(e => Link(e, candidates, null)).ToList(),
        };
        foreach (var i in grouping.Clusters[k])
        {
            var dupes = duplicatesOf(i).OrderBy(u => u, StringComparer.Ordinal).ToList();
            if (dupes.Count > 0) cluster.ExactDuplicates[candidates[i].PhotoId] = dupes;
        }
        if (grouping.NearestOutside(k) is { } nearest)
        {
            var other = grouping.ClusterOf[nearest.A] == k ? grouping.ClusterOf[nearest.B] : grouping.ClusterOf[nearest.A];
            cluster.NearestOutside = Link(nearest, candidates, MomentGrouper.MomentId(other));
        }
        return cluster;
    }

    private static ClusteringStageDocument.Link Link(PairEvidence e, IReadOnlyList<MomentCandidate> candidates, string? otherCluster) => new()
    {
        A = candidates[e.A].PhotoId,
        B = candidates[e.B].PhotoId,
        OtherCluster = otherCluster,
        PhashDistance = e.PHashDistance,
        DhashDistance = e.DHashDistance,
        ColorDeltaE = e.ColorDistance,
        SecondsApart = e.SecondsApart,
        Cosine = e.Cosine,
        Rule = e.Rule,
    };

    private static ClusteringStageDocument.Parameters Describe(MomentGrouping g, int photos)
    {
        var p = g.Parameters;
        return new ClusteringStageDocument.Parameters
        {
            TimeGapSeconds = p.TimeGapSeconds,
            MaxHashDistance = p.MaxHashDistance,
            UntimedHashDistance = p.UntimedHashDistance,
            MinCosine = p.MinCosine,
            MaxColorDistanceForCrops = p.MaxColorDistanceForCrops,
            MaxWindowNeighbours = p.MaxWindowNeighbours,
            Similarity = g.UsedEmbeddings ? "hashes+palette+clip" : "hashes+palette",
            CandidatePairs = (int)Math.Min(int.MaxValue, g.ComparedPairs),
            Photos = photos,
            TotalPairs = (int)Math.Min(int.MaxValue, (long)photos * (photos - 1) / 2),
            Calibration = g.Calibration is { } c ? new ClusteringStageDocument.Calibration
            {
                Calibrated = c.Calibrated, Threshold = c.Threshold, NearPairs = c.NearPairs, FarPairs = c.FarPairs,
                NearP75 = c.NearP75, FarP1 = c.FarP1, Note = c.Note,
            } : null,
        };
    }

    /// <summary>
    /// The distribution of hash distances from their histogram (bins of half a bit: a hash distance is the
    /// mean of two bit counts): the same figures as from the sorted distances, with the same linear
    /// interpolation as <see cref="ThresholdCalibration.Percentile"/>, without holding one value per pair.
    /// </summary>
    private static ClusteringStageDocument.Stats Stats(long[] halves)
    {
        var count = halves.Sum();
        if (count == 0) return new ClusteringStageDocument.Stats();
        double At(long rank)
        {
            for (var bin = 0; bin < halves.Length; bin++)
            {
                if (rank < halves[bin]) return bin / 2.0;
                rank -= halves[bin];
            }
            throw new ArgumentOutOfRangeException(nameof(rank));
        }
        double Percentile(double q)
        {
            var pos = q * (count - 1);
            var lo = (long)Math.Floor(pos);
            var hi = Math.Min(lo + 1, count - 1);
            return At(lo) + (pos - lo) * (At(hi) - At(lo));
        }
        return new ClusteringStageDocument.Stats
        {
            Pairs = (int)Math.Min(int.MaxValue, count),
            Min = At(0),
            P10 = Math.Round(Percentile(0.10), 2),
            P50 = Math.Round(Percentile(0.50), 2),
            P90 = Math.Round(Percentile(0.90), 2),
            Max = At(count - 1),
        };
    }
}
