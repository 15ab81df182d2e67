using System.Globalization;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Select-CuratedSet for one batch: candidates from the moments (or from photos, grouped by their
/// MomentId), axis values, the greedy selection, roles, the sequence (layout order) and the rank
/// (quality order), stars, reasons a person can read, coverage, prompts for thin emphasised axes a
/// person can act on, and the optimizer stage JSON.
/// </summary>
public sealed class SelectionStage : IBatchStage<SelectionStage.Input, SelectionStage.Outcome>
{
    public static readonly string StageName = StageCatalog.Optimizer.Name;

    /// <summary>Below this share of its present values, an emphasised axis gets a prompt.</summary>
    public const double ThinCoverage = 0.5;

    /// <summary>Emphasis from which an axis counts as emphasised for prompts.</summary>
    public const double EmphasisedFrom = 0.5;

    private readonly PhotoTheme _theme;
    private readonly SelectionOptions _options;
    private readonly Func<Photo, float[]?>? _embeddingOf;
    private readonly SimilarityMemo? _memo;

    /// <param name="memo">φ remembered across selections of the same batch (the review server's re-runs); the picks are the same without it.</param>
    public SelectionStage(PhotoTheme theme, SelectionOptions options, Func<Photo, float[]?>? embeddingOf = null, SimilarityMemo? memo = null)
    {
        _theme = theme;
        _options = options;
        _embeddingOf = embeddingOf;
        _memo = memo;
    }

    public StageDescriptor Descriptor => StageCatalog.Optimizer;

    /// <summary>The moments of one batch, each moment's members best first.</summary>
    public sealed record Input(string BatchId, string Workspace, IReadOnlyList<PhotoMoment> Moments);

    public sealed record Outcome(CuratedSet Set, OptimizerStageDocument Document) : IBatchStageResult<OptimizerStageDocument>;

    public Outcome Run(Input input, CancellationToken cancellation) => Run(input.BatchId, input.Workspace, input.Moments);

    /// <summary>Selects from the moments of one batch (each moment's members best first).</summary>
    public Outcome Run(string batchId, string workspace, IReadOnlyList<PhotoMoment> moments) =>
        Run(batchId, workspace, moments.SelectMany(CandidatesOf).ToList(), keyLines: null);

    /// <summary>
    /// Selects from candidates made moment by moment with <see cref="CandidatesOf"/>, of which a batch grouped
    /// in parts keeps only those that can matter (docs/architecture.md#archive-scale: what can be picked,
    /// covered, locked or excluded); <paramref name="keyLines"/> are then <see cref="KeyLine"/> of every
    /// candidate of every moment, in order (null: the candidates' own).
    /// </summary>
    /// <param name="whole">
    /// For candidates that hold a lighter photo (<see cref="PartwiseCandidates"/>): the picks' whole photos, in
    /// the order asked, for the picks' roles, items and reasons; null when the candidates hold whole photos.
    /// </param>
    public Outcome Run(string batchId, string workspace, List<SelectionCandidate> candidates, IEnumerable<string>? keyLines,
        Func<IReadOnlyList<SelectionCandidate>, IReadOnlyList<Photo>>? whole = null)
    {
        AssignAxes(candidates);
        var result = CuratedSelector.Select(candidates, _options, _memo);
        if (whole is not null) Restore(candidates, result.Picks.Select(p => p.Index).ToList(), whole);
        var roles = RoleAssignment.Assign(result.Picks.Select(p => candidates[p.Index].Photo).ToList(), _options.RoleQuotas);
        var items = BuildItems(candidates, result, roles);
        var prompts = Prompts(result, candidates);
        var set = new CuratedSet
        {
            BatchId = batchId,
            Workspace = workspace,
            Theme = _theme.Name,
            Items = items,
            Coverage = new Dictionary<string, double>(result.Coverage, StringComparer.Ordinal),
            Prompts = prompts.ToArray(),
            Parameters = new SelectionParameters
            {
                Count = _options.Count,
                QualityWeight = _options.QualityWeight,
                DiversityWeight = _options.DiversityWeight,
                AxisEmphasis = new Dictionary<string, double>(_options.AxisEmphasis, StringComparer.Ordinal),
                RoleQuotas = new Dictionary<string, int>(_options.RoleQuotas, StringComparer.Ordinal),
                MaxPerMoment = _options.MaxPerMoment,
                Seed = _options.Seed,
                Similarity = candidates.Any(c => c.Moment.Embedding is not null) ? "clip" : "features",
            },
            CandidateCount = result.PickableCount,
            Objective = Math.Round(result.Objective, 6),
        };
        return new Outcome(set, Document(set, candidates, keyLines ?? candidates.Select(c => KeyLine(c.PhotoId, c.MomentId, c.MomentRank, c.IsLocked, c.IsExcluded, c.Quality))));
    }

    /// <summary>Moments from photos that carry a MomentId (from -PassThru or Import-PhotoStage); photos without one are moments of their own.</summary>
    public static IReadOnlyList<PhotoMoment> MomentsFromPhotos(string batchId, string workspace, IEnumerable<Photo> photos)
    {
        return photos
            .GroupBy(p => p.MomentId ?? "photo:" + p.PhotoId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var ranked = MomentRanker.Rank(g.GroupBy(p => p.PhotoId, StringComparer.Ordinal).Select(d => d.First()));
                return new PhotoMoment
                {
                    MomentId = g.First().MomentId ?? "",
                    BatchId = batchId,
                    Workspace = workspace,
                    Members = ranked.ToArray(),
                    Hero = ranked[0],
                    Alternates = ranked.Skip(1).ToArray(),
                };
            })
            .ToList();
    }

    /// <summary>The candidates of one moment, its frames that passed the gate first, each with its rank and (a hero of several frames) what it leads on.</summary>
    public IEnumerable<SelectionCandidate> CandidatesOf(PhotoMoment moment)
    {
        // Frames that failed the gate (present with -IncludeDropped upstream) go behind every kept
        // frame, so the hero is the best frame that can be shown and a failed frame never takes its place.
        var members = moment.Members.Where(p => !GateVerdict.FailedGate(p.Score))
            .Concat(moment.Members.Where(p => GateVerdict.FailedGate(p.Score))).ToArray();
        for (var r = 0; r < members.Length; r++)
        {
            var photo = members[r];
            yield return new SelectionCandidate
            {
                Photo = photo,
                Moment = MomentCandidate.FromPhoto(photo, _embeddingOf?.Invoke(photo)),
                MomentId = moment.MomentId.Length > 0 ? moment.MomentId : photo.PhotoId,
                MomentSize = members.Length,
                MomentRank = r + 1,
                HeroLead = r == 0 && members.Length > 1 ? HeroLead(moment, members) : null,
            };
        }
    }

    /// <summary>The picks' candidates again, each with its whole photo (the rest of the candidate as it was).</summary>
    private static void Restore(List<SelectionCandidate> candidates, IReadOnlyList<int> picks, Func<IReadOnlyList<SelectionCandidate>, IReadOnlyList<Photo>> whole)
    {
        var photos = whole(picks.Select(i => candidates[i]).ToList());
        for (var j = 0; j < picks.Count; j++)
        {
            var c = candidates[picks[j]];
            candidates[picks[j]] = new SelectionCandidate
            {
                Photo = photos[j], Moment = c.Moment, MomentId = c.MomentId, MomentSize = c.MomentSize, MomentRank = c.MomentRank,
                HeroLead = c.HeroLead, Axes = c.Axes,
            };
        }
    }

    /// <summary>A candidate's line of the optimizer document's idempotency key.</summary>
    public static string KeyLine(string photoId, string momentId, int momentRank, bool locked, bool excluded, double quality) =>
        $"{photoId}|{momentId}|{momentRank}|{locked}|{excluded}|{quality.ToString("R", CultureInfo.InvariantCulture)}";

    private void AssignAxes(List<SelectionCandidate> list)
    {
        // Looks are found among the heroes (one per moment), best first; other frames take their hero's look.
        var heroes = list.Where(c => c.MomentRank == 1).OrderByDescending(c => c.Quality).ThenBy(c => c.PhotoId, StringComparer.Ordinal).ToList();
        var groups = SceneGroups.Assign(heroes, _memo);
        var lookOfMoment = heroes.Select((c, i) => (c.MomentId, Group: groups[i])).ToDictionary(x => x.MomentId, x => x.Group, StringComparer.Ordinal);
        foreach (var c in list) c.Axes = CoverageAxes.Of(c.Photo, lookOfMoment.GetValueOrDefault(c.MomentId));
    }

    private string HeroLead(PhotoMoment moment, IReadOnlyList<Photo> members)
    {
        var n = members.Count;
        if (moment.RankedBy.StartsWith("llm", StringComparison.Ordinal) && ReferenceEquals(members[0], moment.Members[0])) return $"the judge's pick of {n} frames ({moment.RankedBy})";
        if (MomentRanker.StrongestLead(members[0], members[1], _theme.Weights) is not { } l) return $"best of {n} frames";
        // "sharpest of 4 frames" only when no other frame beats it on that component.
        var leadsAll = members.Skip(1).All(m => Component(m, l.Name) is not { } v || v <= l.Hero);
        return leadsAll && MomentRanker.Best.TryGetValue(l.Name, out var words)
            ? string.Create(CultureInfo.InvariantCulture, $"{words} of {n} frames ({l.Name} {l.Hero:0.00} vs {l.Other:0.00} for the runner-up)")
            : string.Create(CultureInfo.InvariantCulture, $"best Total_prelim of {n} frames, ahead of the runner-up on {l.Name} {l.Hero:0.00} vs {l.Other:0.00}");
    }

    private static double? Component(Photo photo, string name) =>
        photo.Score?.Components.FirstOrDefault(c => c.Name == name)?.Value;

    /// <summary>
    /// The picks as items: roles, then the final order — <see cref="CuratedItem.Sequence"/> (openers, body
    /// photos in the order greedy valued them, closers) and <see cref="CuratedItem.Rank"/> (Total_prelim,
    /// ties by photo id) — then stars, and only then the reasons, which speak of the finished set
    /// (<see cref="SelectionReasons"/>), so no order can contradict them.
    /// </summary>
    private List<CuratedItem> BuildItems(IReadOnlyList<SelectionCandidate> candidates, CuratedSelector.Result result, IReadOnlyDictionary<int, string> roles)
    {
        var picks = result.Picks.Select((pick, i) => (Pick: pick, Candidate: candidates[pick.Index], Role: roles[i])).ToList();
        var sequence = picks.Where(x => x.Role == RoleFit.Opener)
            .Concat(picks.Where(x => x.Role != RoleFit.Opener && x.Role != RoleFit.Closer))
            .Concat(picks.Where(x => x.Role == RoleFit.Closer))
            .ToList();
        var rankOf = QualityOrder(picks.Select(x => x.Candidate)).Select((c, i) => (c.PhotoId, Rank: i + 1))
            .ToDictionary(x => x.PhotoId, x => x.Rank, StringComparer.Ordinal);
        var candidateRank = QualityOrder(result.Pickable.Select(i => candidates[i])).Select((c, i) => (c.PhotoId, Rank: i + 1))
            .GroupBy(x => x.PhotoId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Rank, StringComparer.Ordinal);
        // Stars compare each pick with the best kept frame of every moment (docs/algorithms.md#export).
        var heroes = StarRating.KeptTotals(candidates.Where(c => c.MomentRank == 1).Select(c => c.Photo));
        var percentile = picks.ToDictionary(x => x.Candidate.PhotoId,
            x => StarRating.Percentile(x.Candidate.Quality, x.Candidate.MomentRank == 1 ? heroes : StarRating.With(heroes, x.Candidate.Quality)), StringComparer.Ordinal);
        var context = new SelectionReasons.SetContext(sequence.Select(x => x.Candidate).ToList(), result.PresentValues, candidateRank, result.PickableCount,
            percentile, heroes.Length, _theme.QTechMin, _options);
        return sequence.Select((x, i) =>
        {
            var c = x.Candidate;
            var item = new CuratedItem
            {
                Photo = c.Photo,
                Sequence = i + 1,
                Rank = rankOf[c.PhotoId],
                Rating = c.Photo.Score is { } score ? StarRating.For(score, percentile[c.PhotoId]) : StarRating.FailedGateStars,
                MomentId = c.MomentId,
                Role = x.Role,
                RoleProbability = Math.Round(RoleFit.Probability(c.Photo, x.Role), 4),
                MarginalGain = Math.Round(x.Pick.Gain, 6),
                PickOrder = x.Pick.Order,
                IsLocked = c.IsLocked,
                Axes = new Dictionary<string, string>(c.Axes, StringComparer.Ordinal),
                Tags = CoverageAxes.Tags(c.Axes),
            };
            item.Reasons = SelectionReasons.For(c, item, context).ToArray();
            if (_options.UserRatings.TryGetValue(c.PhotoId, out var stars) && stars != item.Rating)
            {
                // The person's stars (review page) replace the module's; the reasons say so.
                item.Reasons = item.Reasons.Append($"{stars} star{(stars == 1 ? "" : "s")} set by the user (the module gave {item.Rating})").ToArray();
                item.Rating = stars;
            }
            return item;
        }).ToList();
    }

    /// <summary>Best Total_prelim first, ties by photo id: the one quality order behind every rank the selection states.</summary>
    public static IEnumerable<SelectionCandidate> QualityOrder(IEnumerable<SelectionCandidate> candidates) =>
        candidates.OrderByDescending(c => c.Quality).ThenBy(c => c.PhotoId, StringComparer.Ordinal);

    /// <summary>
    /// Prompts for thin emphasised axes a person can act on (<see cref="CoverageAxes.Actionable"/>): never
    /// for <c>look</c>, the model-free visual groups, and never for an axis no photo has a value on
    /// (people_count without faces or CLIP).
    /// </summary>
    private List<string> Prompts(CuratedSelector.Result result, IReadOnlyList<SelectionCandidate> candidates)
    {
        var prompts = new List<string>();
        var selected = result.Picks.Select(p => candidates[p.Index]).ToList();
        foreach (var axis in CoverageAxes.All.Where(CoverageAxes.Actionable))
        {
            var emphasis = CoverageAxes.Emphasis(_options.AxisEmphasis, axis);
            if (emphasis < EmphasisedFrom || selected.Count == 0) continue;
            var present = result.PresentValues[axis];
            var shown = selected.Select(c => c.Axes[axis]).Where(v => v != CoverageAxes.Unknown).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (present.Count == 0) continue;
            var coverage = result.Coverage.GetValueOrDefault(axis);
            if (CoverageAxes.Domains.TryGetValue(axis, out var domain))
            {
                var missing = domain.Where(v => !present.Contains(v)).Take(3).ToList();
                if (missing.Count > 0 && present.Count <= domain.Length / 2)
                {
                    prompts.Add($"need more {Words(missing)} shots? {axis} shows only {string.Join(", ", shown)} (emphasis {emphasis:0.0#}).");
                    continue;
                }
            }
            if (coverage < ThinCoverage)
            {
                var left = present.Where(v => !shown.Contains(v)).OrderBy(v => v, StringComparer.Ordinal).Take(3).ToList();
                prompts.Add($"{axis} is thin: the selection shows {shown.Count} of {present.Count} values ({string.Join(", ", shown)}); raise its emphasis or the count to bring in {Words(left)}.");
            }
        }
        return prompts;
    }

    private static string Words(IReadOnlyList<string> values) => values.Count switch
    {
        0 => "",
        1 => values[0],
        _ => string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1],
    };

    private OptimizerStageDocument Document(CuratedSet set, IReadOnlyList<SelectionCandidate> candidates, IEnumerable<string> keyLines)
    {
        var doc = new OptimizerStageDocument
        {
            BatchId = set.BatchId,
            ThemeSpecRef = set.Theme,
            SelectedIds = set.Items.Select(i => i.PhotoId).ToList(),
            Ranks = set.Items.ToDictionary(i => i.PhotoId, i => i.Rank),
            Ratings = set.Items.ToDictionary(i => i.PhotoId, i => i.Rating),
            Roles = set.Items.Select(i => new OptimizerStageDocument.RoleEntry { PhotoId = i.PhotoId, Role = i.Role, Prob = i.RoleProbability }).ToList(),
            Coverage = set.Coverage.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value),
            MarginalGains = set.Items.ToDictionary(i => i.PhotoId, i => i.MarginalGain),
            PickOrder = set.Items.ToDictionary(i => i.PhotoId, i => i.PickOrder),
            Prompts = set.Prompts.ToList(),
            Clusters = set.Items.ToDictionary(i => i.PhotoId, i => i.MomentId ?? ""),
            Axes = set.Items.ToDictionary(i => i.PhotoId, i => i.Axes),
            Reasons = set.Items.ToDictionary(i => i.PhotoId, i => i.Reasons.ToList()),
            Locked = candidates.Where(c => c.IsLocked).Select(c => c.PhotoId).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList(),
            Excluded = candidates.Where(c => c.IsExcluded).Select(c => c.PhotoId).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList(),
            Candidates = set.CandidateCount,
            Objective = set.Objective,
            Params = new OptimizerStageDocument.SelectionParams
            {
                Count = set.Parameters.Count,
                QualityWeight = set.Parameters.QualityWeight,
                DiversityWeight = set.Parameters.DiversityWeight,
                MaxPerMoment = set.Parameters.MaxPerMoment,
                RoleQuotas = set.Parameters.RoleQuotas.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value),
                AxisEmphasis = set.Parameters.AxisEmphasis.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value),
                Similarity = set.Parameters.Similarity,
                Seed = set.Parameters.Seed,
            },
        };
        doc.IdempotencyKey = Hashing.OfAll(new[] { set.BatchId, StageName, StageCatalog.Optimizer.Version, _theme.Hash, StageJson.Serialize(doc.Params) }
            .Concat(keyLines)
            // The person's stars change the output, so they are part of the key (absent: keys as before).
            .Concat(_options.UserRatings.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"stars|{r.Key}|{r.Value}")));
        return doc;
    }
}
