using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Scoring;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds <see cref="PhotoMoment"/> objects from a clustering record (members in their ranked order,
/// hero, alternates, rationales), or from a ranking record (the same moments in the judge's order),
/// joining the scored photos of the batch by photo id. The reader of both stages (the context says which). Members the technical gate dropped come back only
/// with -IncludeDropped, as everywhere else. The members' scores are judged again with their moment known, as
/// Group-PhotoMoment judged them (scene grain, clearly softer siblings): the scoring record holds the
/// scorecard's own scores, so without this an imported member would differ from the live one.
/// </summary>
public sealed class MomentStageReader : IStageReader
{
    public IEnumerable<object> Read(StageImportContext context) => Moments(context);

    /// <summary>The batch's moments, in moment order; photos get their MomentId.</summary>
    public static List<PhotoMoment> Moments(StageImportContext context)
    {
        var clustering = context.Document<ClusteringStageDocument>(StageCatalog.Clustering.Name);
        var ranking = context.Stage == StageCatalog.Ranking.Name ? context.Document<RankingStageDocument>(StageCatalog.Ranking.Name) : null;
        var byId = context.Photos(StageCatalog.Scoring.Name).GroupBy(p => p.PhotoId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Photo>)g.ToList(), StringComparer.Ordinal);
        var moments = MomentMapping.Rebuild(clustering, ranking, id => byId.GetValueOrDefault(id) ?? Array.Empty<Photo>(), context.Layout.Root);
        Rescore(context, moments);
        return moments;
    }

    /// <summary>
    /// The moment-level re-scores of <see cref="MomentStage.RankMoment"/> (docs/algorithms.md#ranking-inside-a-moment),
    /// applied to the members' scores only: order and reasons stay as recorded. Skipped when the scoring record
    /// is another scorecard's or its theme is not here (the scores then stay as recorded, and the scoring
    /// import has already warned).
    /// </summary>
    private static void Rescore(StageImportContext context, List<PhotoMoment> moments)
    {
        var scoring = context.Document<ScoringStageDocument>(StageCatalog.Scoring.Name);
        if (scoring.ScorecardVersion != StageCatalog.Scoring.Version) return;
        if (ScoreRebuilder.FindTheme(scoring, context.Layout.Root) is not { } theme) return;
        foreach (var moment in moments) MomentStage.RankMoment(moment.Members, theme, moment.MomentId);
    }
}
