using System.Globalization;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Select-CuratedSet for one batch: candidates from the moments (or from photos, grouped by their
/// MomentId), axis values, the greedy selection, roles, rank order, reasons a person can read,
/// coverage, prompts for thin emphasised axes, and the optimizer stage JSON.
/// </summary>
public sealed class SelectionStage
{
    public static readonly string StageName = StageCatalog.Optimizer.Name;
    public const string Version = "selection-1";

    /// <summary>Below this share of its present values, an emphasised axis gets a prompt.</summary>
    public const double ThinCoverage = 0.5;

    /// <summary>Emphasis from which an axis counts as emphasised for prompts.</summary>
    public const double EmphasisedFrom = 0.5;

    private readonly PhotoTheme _theme;
    private readonly SelectionOptions _options;
    private readonly Func<Photo, float[]?>? _embeddingOf;

    public SelectionStage(PhotoTheme theme, SelectionOptions options, Func<Photo, float[]?>? embeddingOf = null)
    {
        _theme = theme;
        _options = options;
        _embeddingOf = embeddingOf;
    }

    public sealed record Outcome(CuratedSet Set, OptimizerStageDocument Document);

    /// <summary>Selects from the moments of one batch (each moment's members best first).</summary>
    public Outcome Run(string batchId, string workspace, IReadOnlyList<PhotoMoment> moments)
    {
        var candidates = BuildCandidates(moments);
        var result = CuratedSelector.Select(candidates, _options);
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
        return new Outcome(set, Document(set, candidates));
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

    private List<SelectionCandidate> BuildCandidates(IReadOnlyList<PhotoMoment> moments)
    {
        var list = new List<SelectionCandidate>();
        foreach (var moment in moments)
        {
            for (var r = 0; r < moment.Members.Length; r++)
            {
                var photo = moment.Members[r];
                list.Add(new SelectionCandidate
                {
                    Photo = photo,
                    Moment = MomentCandidate.FromPhoto(photo, _embeddingOf?.Invoke(photo)),
                    MomentId = moment.MomentId.Length > 0 ? moment.MomentId : photo.PhotoId,
                    MomentSize = moment.Members.Length,
                    MomentRank = r + 1,
                    HeroLead = r == 0 && moment.Members.Length > 1 ? HeroLead(moment) : null,
                });
            }
        }
        // Scene groups are found among the heroes (one per moment), best first; other frames take their hero's group.
        var heroes = list.Where(c => c.MomentRank == 1).OrderByDescending(c => c.Quality).ThenBy(c => c.PhotoId, StringComparer.Ordinal).ToList();
        var groups = SceneGroups.Assign(heroes);
        var sceneOfMoment = heroes.Select((c, i) => (c.MomentId, Group: groups[i])).ToDictionary(x => x.MomentId, x => x.Group, StringComparer.Ordinal);
        foreach (var c in list) c.Axes = CoverageAxes.Of(c.Photo, sceneOfMoment.GetValueOrDefault(c.MomentId));
        return list;
    }

    private string HeroLead(PhotoMoment moment)
    {
        if (moment.RankedBy.StartsWith("llm", StringComparison.Ordinal)) return $"the judge's pick of {moment.Members.Length} frames ({moment.RankedBy})";
        var n = moment.Members.Length;
        if (MomentRanker.StrongestLead(moment.Members[0], moment.Members[1], _theme.Weights) is not { } l) return $"best of {n} frames";
        // "sharpest of 4 frames" only when no other frame beats it on that component.
        var leadsAll = moment.Members.Skip(1).All(m => Component(m, l.Name) is not { } v || v <= l.Hero);
        return leadsAll && MomentRanker.Best.TryGetValue(l.Name, out var words)
            ? string.Create(CultureInfo.InvariantCulture, $"{words} of {n} frames ({l.Name} {l.Hero:0.00} vs {l.Other:0.00} for the runner-up)")
            : string.Create(CultureInfo.InvariantCulture, $"best Total_prelim of {n} frames, ahead of the runner-up on {l.Name} {l.Hero:0.00} vs {l.Other:0.00}");
    }

    private static double? Component(Photo photo, string name) =>
        photo.Score?.Components.FirstOrDefault(c => c.Name == name)?.Value;

    private List<CuratedItem> BuildItems(IReadOnlyList<SelectionCandidate> candidates, CuratedSelector.Result result, IReadOnlyDictionary<int, string> roles)
    {
        var qualityRank = result.Picks.Count == 0 ? new Dictionary<string, int>() : candidates
            .Where(c => !c.IsExcluded && c.MomentRank <= _options.MaxPerMoment)
            .OrderByDescending(c => c.Quality).ThenBy(c => c.PhotoId, StringComparer.Ordinal)
            .Select((c, i) => (c.PhotoId, Rank: i + 1))
            .GroupBy(x => x.PhotoId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Rank, StringComparer.Ordinal);
        var items = result.Picks.Select((pick, i) =>
        {
            var c = candidates[pick.Index];
            var role = roles[i];
            return new CuratedItem
            {
                Photo = c.Photo,
                MomentId = c.MomentId,
                Role = role,
                RoleProbability = Math.Round(RoleFit.Probability(c.Photo, role), 4),
                MarginalGain = Math.Round(pick.Gain, 6),
                PickOrder = pick.Order,
                IsLocked = c.IsLocked,
                Axes = new Dictionary<string, string>(c.Axes, StringComparer.Ordinal),
                Tags = CoverageAxes.Tags(c.Axes),
                Reasons = SelectionReasons.For(c, pick, role, candidates, qualityRank, result.PickableCount, _options).ToArray(),
            };
        }).ToList();
        // Sequence: openers, then body photos in the order greedy valued them, then closers.
        var ordered = items.Where(x => x.Role == RoleFit.Opener)
            .Concat(items.Where(x => x.Role != RoleFit.Opener && x.Role != RoleFit.Closer))
            .Concat(items.Where(x => x.Role == RoleFit.Closer))
            .ToArray();
        for (var i = 0; i < ordered.Length; i++) ordered[i].Rank = i + 1;
        return ordered.ToList();
    }

    private List<string> Prompts(CuratedSelector.Result result, IReadOnlyList<SelectionCandidate> candidates)
    {
        var prompts = new List<string>();
        var selected = result.Picks.Select(p => candidates[p.Index]).ToList();
        foreach (var axis in CoverageAxes.All)
        {
            var emphasis = _options.AxisEmphasis.TryGetValue(axis, out var e) ? e : 0;
            if (emphasis < EmphasisedFrom || selected.Count == 0) continue;
            var present = result.PresentValues[axis];
            var shown = selected.Select(c => c.Axes[axis]).Where(v => v != CoverageAxes.Unknown).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList();
            // An axis no photo has a value for (people_count without a CLIP model) is not covered and not prompted.
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

    private OptimizerStageDocument Document(CuratedSet set, IReadOnlyList<SelectionCandidate> candidates)
    {
        var doc = new OptimizerStageDocument
        {
            BatchId = set.BatchId,
            ThemeSpecRef = set.Theme,
            SelectedIds = set.Items.Select(i => i.PhotoId).ToList(),
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
        doc.IdempotencyKey = Hashing.Of(new[] { set.BatchId, StageName, Version, _theme.Hash, StageJson.Serialize(doc.Params) }
            .Concat(candidates.Select(c => $"{c.PhotoId}|{c.MomentId}|{c.MomentRank}|{c.IsLocked}|{c.IsExcluded}|{c.Quality.ToString("R", CultureInfo.InvariantCulture)}"))
            .ToArray());
        return doc;
    }
}
