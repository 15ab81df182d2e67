using System.Globalization;

namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// The sentences behind a ranking: what the judge said about each member in each comparison, and each
/// member's place in words. Rationales name photos by file name; the letters A and B are never shown,
/// because they meant a different photo in each of the two orders.
/// </summary>
public static class MomentReasons
{
    /// <summary>One line per judgment a photo took part in, e.g. <c>beat IMG_2.jpg: shown first "…"; shown second "…"</c>.</summary>
    public static List<string> JudgeLines(Photo photo, IEnumerable<PairJudgment> judgments, IReadOnlyDictionary<string, Photo> byId, string prefix = "")
    {
        var lines = new List<string>();
        foreach (var j in judgments)
        {
            if (j.FirstId != photo.PhotoId && j.SecondId != photo.PhotoId) continue;
            var otherId = j.FirstId == photo.PhotoId ? j.SecondId : j.FirstId;
            var other = byId[otherId].FileName;
            var outcome = j.WinnerId == photo.PhotoId ? $"beat {other}"
                : j.WinnerId == otherId ? $"lost to {other}"
                : j.Inconsistent ? $"level with {other} (the two orders disagreed)"
                : $"level with {other}";
            var shownFirst = j.FirstId == photo.PhotoId ? j.Rationales[0] : j.Rationales[1];
            var shownSecond = j.FirstId == photo.PhotoId ? j.Rationales[1] : j.Rationales[0];
            lines.Add($"{prefix}{outcome}: shown first \"{shownFirst}\"; shown second \"{shownSecond}\"");
        }
        return lines;
    }

    /// <summary>
    /// Rationales in Total_prelim order: the moment's own reasons (from Group-PhotoMoment) are kept for
    /// each photo id, missing ones are written from the scores.
    /// </summary>
    public static MomentRationale[] ByScore(PhotoMoment moment, Photo[] order)
    {
        var existing = Grouped(moment);
        var hero = order.Length > 0 ? order[0] : null;
        return order.Select((p, i) => Carry(existing, new MomentRationale
        {
            PhotoId = p.PhotoId,
            FileName = p.FileName,
            Rank = i + 1,
            Reason = existing.TryGetValue(p.PhotoId, out var grouped) && !string.IsNullOrEmpty(grouped.Reason) ? grouped.Reason : ScoreReason(p, hero!, i),
        })).ToArray();
    }

    private static Dictionary<string, MomentRationale> Grouped(PhotoMoment moment) =>
        moment.Rationales.GroupBy(r => r.PhotoId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>What grouping measured of a frame (its detail against the sharpest sibling, its flags) stays with it whatever order ranking gives.</summary>
    private static MomentRationale Carry(Dictionary<string, MomentRationale> grouped, MomentRationale r)
    {
        if (grouped.TryGetValue(r.PhotoId, out var g))
        {
            r.DetailFraction = g.DetailFraction;
            r.Flags = g.Flags;
        }
        return r;
    }

    /// <summary>Rationales after the judge decided: wins and losses of the judged, score reasons for the rest.</summary>
    public static MomentRationale[] ByJudge(MomentPlan plan, Photo[] order, string model)
    {
        var grouped = Grouped(plan.Moment);
        var judgments = plan.Judgments ?? Array.Empty<PairJudgment>();
        var byId = plan.Contenders.ToDictionary(p => p.PhotoId, StringComparer.Ordinal);
        var hero = order[0];
        var result = new MomentRationale[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var p = order[i];
            var judged = byId.ContainsKey(p.PhotoId) && judgments.Any(j => j.FirstId == p.PhotoId || j.SecondId == p.PhotoId);
            string reason;
            if (!judged)
            {
                reason = p.PhotoId == hero.PhotoId && i > 0
                    ? "exact duplicate of the hero"
                    : Invariant($"not judged (only the top {JudgeSettings.MaxContenders} by Total_prelim are): Total_prelim {MomentPlan.Total(p):0.00} vs hero {MomentPlan.Total(hero):0.00}");
            }
            else if (i == 0)
            {
                var (w, t, l) = Record(p, judgments);
                reason = $"the judge ({model}) prefers it: {w} won, {t} level, {l} lost";
            }
            else
            {
                var vsHero = judgments.FirstOrDefault(j => (j.FirstId == p.PhotoId && j.SecondId == hero.PhotoId) || (j.SecondId == p.PhotoId && j.FirstId == hero.PhotoId));
                var (w, t, l) = Record(p, judgments);
                reason = vsHero is null ? $"the judge ({model}) ranks it lower: {w} won, {t} level, {l} lost"
                    : vsHero.WinnerId == hero.PhotoId ? $"the judge ({model}) preferred {hero.FileName}: \"{HeroFirst(vsHero, hero)}\""
                    : vsHero.WinnerId is null ? $"level with {hero.FileName} for the judge ({model}), fewer wins overall: {w} won, {t} level, {l} lost"
                    : $"beat {hero.FileName} head to head but lost more elsewhere: {w} won, {t} level, {l} lost";
            }
            result[i] = Carry(grouped, new MomentRationale { PhotoId = p.PhotoId, FileName = p.FileName, Rank = i + 1, Reason = reason });
        }
        return result;
    }

    private static string HeroFirst(PairJudgment j, Photo hero) => j.FirstId == hero.PhotoId ? j.Rationales[0] : j.Rationales[1];

    private static (int Won, int Level, int Lost) Record(Photo p, IEnumerable<PairJudgment> judgments)
    {
        int won = 0, level = 0, lost = 0;
        foreach (var j in judgments.Where(j => j.FirstId == p.PhotoId || j.SecondId == p.PhotoId))
        {
            if (j.WinnerId is null) level++;
            else if (j.WinnerId == p.PhotoId) won++;
            else lost++;
        }
        return (won, level, lost);
    }

    private static string ScoreReason(Photo p, Photo hero, int index) => index == 0
        ? Invariant($"highest Total_prelim {MomentPlan.Total(p):0.00}")
        : p.PhotoId == hero.PhotoId ? "exact duplicate of the hero"
        : Invariant($"lower Total_prelim: {MomentPlan.Total(p):0.00} vs hero {MomentPlan.Total(hero):0.00}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
