using System.Globalization;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Ranking;

namespace PhotoCuration.Engine.Stages;

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
        var clustering = context.Document<ClusteringStageDocument>(MomentStage.StageName);
        var photos = context.Photos("scoring").ToList();
        var byId = photos.GroupBy(p => p.PhotoId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var order = RankingOrder(context);
        var moments = new List<PhotoMoment>();
        foreach (var cluster in clustering.Clusters)
        {
            var judged = order.TryGetValue(cluster.ClusterId, out var ranked);
            var ids = judged ? ranked.Ids : cluster.Members;
            foreach (var id in cluster.Members)
            {
                if (byId.TryGetValue(id, out var copies)) copies.ForEach(p => p.MomentId = cluster.ClusterId);
            }
            var members = ids.Where(byId.ContainsKey).Select(id => byId[id].OrderBy(p => p.DuplicateOf is null ? 0 : 1).First()).ToArray();
            if (members.Length == 0) continue;
            moments.Add(new PhotoMoment
            {
                MomentId = cluster.ClusterId,
                BatchId = clustering.BatchId,
                Workspace = context.Layout.Root,
                Members = members,
                Hero = members[0],
                Alternates = members.Skip(1).ToArray(),
                Rationales = members.Select((p, i) => new MomentRationale
                {
                    PhotoId = p.PhotoId,
                    FileName = p.FileName,
                    Rank = i + 1,
                    Reason = cluster.Rationales.TryGetValue(p.PhotoId, out var why) ? why : "",
                    DetailFraction = cluster.DetailFractions?.TryGetValue(p.PhotoId, out var fraction) == true ? fraction : 1,
                    Flags = cluster.Flags?.TryGetValue(p.PhotoId, out var flags) == true && flags is not null ? flags : Array.Empty<string>(),
                }).ToArray(),
                RankedBy = judged && ranked.RankedBy.Length > 0 ? ranked.RankedBy : "total_prelim",
                Start = Time(cluster.Start),
                End = Time(cluster.End),
                MaxLinkDistance = cluster.Links.Select(l => l.PhashDistance).DefaultIfEmpty(0).Max(),
            });
        }
        return moments;
    }

    private static Dictionary<string, (List<string> Ids, string RankedBy)> RankingOrder(StageImportContext context)
    {
        if (context.Stage != "ranking") return new Dictionary<string, (List<string>, string)>(StringComparer.Ordinal);
        var ranking = context.Document<RankingStageDocument>("ranking");
        return ranking.ClusterWinners.ToDictionary(w => w.ClusterId, w => (new[] { w.Hero }.Concat(w.Alternates).ToList(), w.RankedBy), StringComparer.Ordinal);
    }

    private static DateTime? Time(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
