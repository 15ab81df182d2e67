using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds the <see cref="CuratedSet"/> of an optimizer record: the picks in sequence order with their
/// ranks, stars, roles, probabilities, gains, axis values and reasons, joined with the scored photos of the batch, so a CI
/// step can run <c>Import-PhotoStage intermediateJsons/optimizer/b1.json | Export-CuratedList</c>.
/// </summary>
public sealed class CuratedSetStageReader : IStageReader
{
    public string Stage => SelectionStage.StageName;

    public IEnumerable<object> Read(StageImportContext context)
    {
        var doc = context.Document<OptimizerStageDocument>(SelectionStage.StageName);
        var photos = new Dictionary<string, Photo>(StringComparer.Ordinal);
        // Picks may include locked photos the gate would have dropped: look them up among all scored photos.
        foreach (var p in context.Photos(StageCatalog.Scoring.Name)) photos.TryAdd(p.PhotoId, p);
        var roles = doc.Roles.ToDictionary(r => r.PhotoId, StringComparer.Ordinal);
        var items = new List<CuratedItem>();
        foreach (var id in doc.SelectedIds)
        {
            if (!photos.TryGetValue(id, out var photo))
            {
                context.Problem(new Core.PhotoInputException(PhotoErrorIds.PhotoNotInEarlierStage, Core.PhotoProblem.NotFound, context.StageFile,
                    $"Pick {id} of '{context.StageFile}' is not among the scored photos of batch '{doc.BatchId}' (dropped by the gate? pass -IncludeDropped)."));
                continue;
            }
            var axes = doc.Axes.TryGetValue(id, out var a) ? new Dictionary<string, string>(a, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
            photo.MomentId = doc.Clusters.TryGetValue(id, out var m) && m.Length > 0 ? m : photo.MomentId;
            items.Add(new CuratedItem
            {
                Sequence = items.Count + 1,
                Rank = doc.Ranks.GetValueOrDefault(id),
                Rating = doc.Ratings.GetValueOrDefault(id),
                Photo = photo,
                MomentId = photo.MomentId,
                Role = roles.TryGetValue(id, out var r) ? r.Role : "body",
                RoleProbability = r?.Prob ?? 0,
                MarginalGain = doc.MarginalGains.GetValueOrDefault(id),
                PickOrder = doc.PickOrder.GetValueOrDefault(id),
                IsLocked = doc.Locked.Contains(id),
                Axes = axes,
                Tags = CoverageAxes.Tags(axes),
                Reasons = doc.Reasons.TryGetValue(id, out var why) ? why.ToArray() : Array.Empty<string>(),
            });
        }
        // A record written before ranks existed (or missing picks) leaves gaps: rank what was read by quality.
        if (items.Select(i => i.Rank).OrderBy(r => r).SequenceEqual(Enumerable.Range(1, items.Count)) is false) CuratedOrder.RankByQuality(items);
        yield return new CuratedSet
        {
            BatchId = doc.BatchId,
            Workspace = context.Layout.Root,
            Theme = doc.ThemeSpecRef ?? "",
            Items = items,
            Coverage = new Dictionary<string, double>(doc.Coverage, StringComparer.Ordinal),
            Prompts = doc.Prompts.ToArray(),
            Parameters = new SelectionParameters
            {
                Count = doc.Params.Count,
                QualityWeight = doc.Params.QualityWeight,
                DiversityWeight = doc.Params.DiversityWeight,
                MaxPerMoment = doc.Params.MaxPerMoment,
                RoleQuotas = new Dictionary<string, int>(doc.Params.RoleQuotas, StringComparer.Ordinal),
                AxisEmphasis = new Dictionary<string, double>(doc.Params.AxisEmphasis, StringComparer.Ordinal),
                Similarity = doc.Params.Similarity,
                Seed = doc.Params.Seed,
            },
            CandidateCount = doc.Candidates,
            Objective = doc.Objective,
        };
    }
}
