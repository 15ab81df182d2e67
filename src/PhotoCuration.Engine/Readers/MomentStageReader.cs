using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Ranking;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds <see cref="PhotoMoment"/> objects from a clustering record (members in their ranked order,
/// hero, alternates, rationales), or from a ranking record (the same moments in the judge's order),
/// joining the scored photos of the batch by photo id. Members the technical gate dropped come back only
/// with -IncludeDropped, as everywhere else.
/// </summary>
public sealed class MomentStageReader : IStageReader
{
    public MomentStageReader(string stage) => Stage = stage;

    public string Stage { get; }

    public IEnumerable<object> Read(StageImportContext context) => Moments(context);

    /// <summary>The batch's moments, in moment order; photos get their MomentId.</summary>
    public static List<PhotoMoment> Moments(StageImportContext context)
    {
        var clustering = context.Document<ClusteringStageDocument>(StageCatalog.Clustering.Name);
        var ranking = context.Stage == StageCatalog.Ranking.Name ? context.Document<RankingStageDocument>(StageCatalog.Ranking.Name) : null;
        var byId = context.Photos(StageCatalog.Scoring.Name).GroupBy(p => p.PhotoId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Photo>)g.ToList(), StringComparer.Ordinal);
        return MomentMapping.Rebuild(clustering, ranking, id => byId.GetValueOrDefault(id) ?? Array.Empty<Photo>(), context.Layout.Root);
    }
}
