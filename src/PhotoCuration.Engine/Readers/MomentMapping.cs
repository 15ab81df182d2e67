using System.Globalization;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Ranking;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// The one mapping from the clustering document (and, when given, the ranking document) back to
/// <see cref="PhotoMoment"/> objects, used by Import-PhotoStage and the review page alike: members in the
/// judge's order when the ranking has one, else hero then alternates, else the clustering order; the
/// rationales with the judge's words; RankedBy, JudgeStatus (a fallback with its reason) and OpenerRank
/// as the ranking stage set them; start and end parsed as the clustering stage wrote them.
/// </summary>
public static class MomentMapping
{
    /// <param name="copiesOf">Every photo object with that photo id (exact duplicates share one), or none.</param>
    public static List<PhotoMoment> Rebuild(ClusteringStageDocument clustering, RankingStageDocument? ranking, Func<string, IReadOnlyList<Photo>> copiesOf, string workspace)
    {
        var winners = (ranking?.ClusterWinners ?? new()).GroupBy(w => w.ClusterId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var fallbacks = (ranking?.Fallbacks ?? new()).GroupBy(f => f.Scope, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Reason, StringComparer.Ordinal);
        var openers = (ranking?.OpenerFinalists ?? new()).GroupBy(o => o.ClusterId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().OpenerRank, StringComparer.Ordinal);
        var moments = new List<PhotoMoment>();
        foreach (var cluster in clustering.Clusters)
        {
            foreach (var copy in cluster.Members.SelectMany(copiesOf)) copy.MomentId = cluster.ClusterId;
            var winner = winners.GetValueOrDefault(cluster.ClusterId);
            var order = winner is not null ? winner.Alternates.Prepend(winner.Hero)
                : cluster.Hero.Length > 0 ? cluster.Alternates.Prepend(cluster.Hero)
                : cluster.Members;
            // The original stands for its exact duplicates, as in Group-PhotoMoment.
            var members = order.Concat(cluster.Members).Distinct(StringComparer.Ordinal)
                .Select(id => copiesOf(id).OrderBy(p => p.DuplicateOf is null ? 0 : 1).FirstOrDefault())
                .Where(p => p is not null).Select(p => p!).ToArray();
            if (members.Length == 0) continue;
            moments.Add(new PhotoMoment
            {
                MomentId = cluster.ClusterId,
                BatchId = clustering.BatchId,
                Workspace = workspace,
                Members = members,
                Hero = members[0],
                Alternates = members.Skip(1).ToArray(),
                Rationales = members.Select((p, i) => new MomentRationale
                {
                    PhotoId = p.PhotoId,
                    FileName = p.FileName,
                    Rank = i + 1,
                    Reason = cluster.Rationales.GetValueOrDefault(p.PhotoId) ?? "",
                    DetailFraction = cluster.DetailFractions?.GetValueOrDefault(p.PhotoId, 1) ?? 1,
                    Flags = cluster.Flags?.GetValueOrDefault(p.PhotoId) ?? Array.Empty<string>(),
                    JudgeRationales = (ranking?.LlmRationales.GetValueOrDefault(p.PhotoId) ?? new()).ToArray(),
                }).ToArray(),
                RankedBy = winner?.RankedBy is { Length: > 0 } by ? by : "total_prelim",
                JudgeStatus = winner is null ? null
                    : winner.JudgeStatus == "fallback" && fallbacks.TryGetValue(cluster.ClusterId, out var why) ? "fallback: " + why
                    : winner.JudgeStatus,
                OpenerRank = openers.TryGetValue(cluster.ClusterId, out var rank) ? rank : null,
                Start = ParseTime(cluster.Start),
                End = ParseTime(cluster.End),
                MaxLinkDistance = cluster.Links.Select(l => l.PhashDistance).DefaultIfEmpty(0).Max(),
            });
        }
        return moments;
    }

    /// <summary>A moment time as the clustering document writes it (<see cref="ClusteringStageDocument.TimeFormat"/>).</summary>
    public static DateTime? ParseTime(string? text) =>
        DateTime.TryParseExact(text, ClusteringStageDocument.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
