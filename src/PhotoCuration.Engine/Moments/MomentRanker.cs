using System.Globalization;
using PhotoCuration.Engine.Scoring;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Ranks the frames of one moment and says in words why each holds its place
/// (docs/algorithms.md#ranking-inside-a-moment). Frames the gate kept and no sibling clearly out-sharpens
/// come first, then flagged or clearly softer frames (<see cref="RelativeDetail"/>), then dropped ones;
/// inside each tier by Total_prelim, ties by photo id. A clearly softer frame so loses to its sharper
/// sibling whatever small differences elsewhere say, and its reason gives the numbers; other frames
/// name the score component where they fall furthest behind the hero, weighted by how much that
/// component counts in Total_prelim.
/// </summary>
public static class MomentRanker
{
    /// <summary>How each component reads when a frame is behind the hero on it.</summary>
    private static readonly Dictionary<string, string> Behind = new(StringComparer.Ordinal)
    {
        ["sharpness"] = "softer than hero",
        ["exposure"] = "worse exposed than hero",
        ["noise"] = "noisier than hero",
        ["clip_iqa"] = "lower CLIP-IQA quality than hero",
        ["brisque"] = "more distortion (BRISQUE) than hero",
        ["colourfulness"] = "less colourful than hero",
        ["contrast"] = "flatter than hero",
        ["subject_isolation"] = "subject less isolated than in hero",
        ["tonal_balance"] = "less balanced tones than hero",
        ["aesthetic_model"] = "lower aesthetic score than hero",
        ["palette_fit"] = "further from the theme palette than hero",
        ["mood"] = "further from the theme mood than hero",
        ["copy_space"] = "less room for a headline than hero",
        ["text_contrast"] = "weaker text contrast than hero",
        ["thirds"] = "subject further from the thirds than in hero",
        ["level"] = "more tilted than hero",
        ["uncut_subject"] = "subject more cut by the frame edge than in hero",
        ["balance"] = "less balanced than hero",
        ["resolution"] = "lower resolution than hero",
        ["learned_taste"] = "less to the photographer's learned taste than hero",
    };

    /// <summary>How a hero's strongest lead reads: "sharpest", "best exposed"…</summary>
    public static readonly IReadOnlyDictionary<string, string> Best = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sharpness"] = "sharpest", ["exposure"] = "best exposed", ["noise"] = "cleanest", ["clip_iqa"] = "best CLIP-IQA quality",
        ["brisque"] = "least distorted", ["colourfulness"] = "most colourful", ["contrast"] = "most contrast", ["subject_isolation"] = "best isolated subject",
        ["tonal_balance"] = "best balanced tones", ["aesthetic_model"] = "best aesthetic score", ["palette_fit"] = "closest to the theme palette",
        ["mood"] = "closest to the theme mood", ["copy_space"] = "most room for a headline", ["text_contrast"] = "best text contrast",
        ["thirds"] = "best on the thirds", ["level"] = "most level", ["uncut_subject"] = "least cut subject", ["balance"] = "best balanced",
        ["learned_taste"] = "most to the photographer's learned taste",
    };

    public static IReadOnlyList<Photo> Rank(IEnumerable<Photo> members)
    {
        var list = members.ToList();
        var detail = RelativeDetail.Compare(list);
        var faces = FaceComparison.Compare(list);
        return list
            .OrderBy(p => Tier(p, detail, faces))
            .ThenByDescending(p => p.Score?.Total ?? 0)
            .ThenBy(p => p.PhotoId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>0: kept; 1: flagged by the gate; 2: clearly softer than a sibling, or its main face clearly softer or darker (whatever else); 3: dropped by the gate.</summary>
    private static int Tier(Photo p, IReadOnlyDictionary<string, RelativeDetail.Comparison> detail, IReadOnlyDictionary<string, FaceComparison.Result> faces) =>
        p.Score is { IsDropped: true } ? 3
        : detail.TryGetValue(p.PhotoId, out var c) && c.IsClearlySofter ? 2
        : faces.TryGetValue(p.PhotoId, out var f) && f.IsWorse ? 2
        : p.Score is { Verdict: not Scoring.Scorecard.Kept } ? 1
        : 0;

    /// <param name="momentId">Names the hero in reasons ("softer than m_0007's hero"); optional.</param>
    public static MomentRationale[] Explain(IReadOnlyList<Photo> ranked, ThemeWeights weights, IReadOnlyDictionary<string, int>? copies = null, string? momentId = null)
    {
        var detail = RelativeDetail.Compare(ranked);
        var faces = FaceComparison.Compare(ranked);
        var result = new MomentRationale[ranked.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            var photo = ranked[i];
            var flags = new List<string>(photo.Score?.FlagReasons ?? Array.Empty<string>());
            var softer = detail.TryGetValue(photo.PhotoId, out var c) && c.IsClearlySofter ? Softer(photo, c, ranked[0], momentId) : null;
            // The face is the subject: its reason comes before the frame's.
            if (faces.TryGetValue(photo.PhotoId, out var face) && face.IsWorse) softer = FaceComparison.Reason(face, ranked[0], momentId) + (softer is null ? "" : "; " + softer);
            if (softer is not null) flags.Add(softer);
            var reason = i == 0 ? HeroReason(ranked, weights) : softer ?? AlternateReason(photo, ranked[0], weights);
            if (i > 0 && softer is not null) reason += $" (Total {F(Total(photo))} vs {F(Total(ranked[0]))})";
            else if (photo.Score is { Verdict: not Scoring.Scorecard.Kept } s) reason += $"; {s.Verdict} by the gate: {string.Join(", ", s.DropReasons)}";
            if (copies is not null && copies.TryGetValue(photo.PhotoId, out var n) && n > 1) reason += $"; {n - 1} exact duplicate{(n > 2 ? "s" : "")} folded in";
            result[i] = new MomentRationale
            {
                PhotoId = photo.PhotoId, FileName = photo.FileName, Rank = i + 1, Reason = reason,
                DetailFraction = c is null ? 1 : Math.Round(c.Fraction, 4), Flags = flags.ToArray(),
            };
        }
        return result;
    }

    /// <summary>
    /// "softer than m_0007's hero: 0.42 of its detail, motion blur at 99°": against the hero when the frame
    /// is clearly softer than the hero too, else against the sharpest comparable sibling, by name.
    /// </summary>
    private static string Softer(Photo photo, RelativeDetail.Comparison c, Photo hero, string? momentId)
    {
        var (who, fraction, angle) = (c.Reference.FileName, c.Fraction, c.MotionAngle);
        if (c.Reference.PhotoId == hero.PhotoId) who = momentId is null ? "hero" : $"{momentId}'s hero";
        else if (hero.Features is { } h && photo.Features is { } f && Math.Pow(2, f.Detail - h.Detail) < RelativeDetail.ClearlySofter)
        {
            who = momentId is null ? "hero" : $"{momentId}'s hero";
            fraction = Math.Pow(2, f.Detail - h.Detail);
            angle = RelativeDetail.MotionAngle(h.DetailByDirection, f.DetailByDirection);
        }
        var motion = angle is { } a ? FormattableString.Invariant($", motion blur at {a:0}°") : "";
        return FormattableString.Invariant($"softer than {who}: {fraction:0.00} of its detail{motion}");
    }

    private static string HeroReason(IReadOnlyList<Photo> ranked, ThemeWeights weights)
    {
        var hero = ranked[0];
        if (ranked.Count == 1) return $"only frame of the moment (Total {F(Total(hero))})";
        var best = StrongestLead(hero, ranked[1], weights);
        var lead = best is null ? "" : $"; leads on {best.Value.Name} {F(best.Value.Hero)} vs {F(best.Value.Other)}";
        var (a, b) = (Total(hero), Total(ranked[1]));
        // Two decimals would print a close lead as a tie.
        var format = F(a) == F(b) ? "0.000" : "0.00";
        return $"hero: best Total_prelim of {ranked.Count} frames ({a.ToString(format, CultureInfo.InvariantCulture)} vs {b.ToString(format, CultureInfo.InvariantCulture)}){lead}";
    }

    private static string AlternateReason(Photo photo, Photo hero, ThemeWeights weights)
    {
        if (Total(photo) == Total(hero)) return $"tied with hero on Total_prelim {F(Total(hero))}; the hero comes first by photo id";
        var gap = StrongestLead(hero, photo, weights);
        if (gap is { Name: "resolution" } && photo.Features is { } f && Scorecard.IsEnlarged(f))
            return FormattableString.Invariant($"enlarged: effective {f.EffectiveLongEdge} px of {f.LongEdge}{(hero.Features is { EffectiveLongEdge: > 0 } h ? $", hero {h.EffectiveLongEdge} px" : "")} (Total {F(Total(photo))} vs {F(Total(hero))})");
        if (gap is { } g && Behind.TryGetValue(g.Name, out var words))
            return $"{words}: {g.Name} {F(g.Other)} vs {F(g.Hero)} (Total {F(Total(photo))} vs {F(Total(hero))})";
        return $"lower Total_prelim than hero: {F(Total(photo))} vs {F(Total(hero))}";
    }

    /// <summary>The component where <paramref name="hero"/> leads <paramref name="other"/> most, in Total_prelim terms.</summary>
    public static (string Name, double Hero, double Other)? StrongestLead(Photo hero, Photo other, ThemeWeights weights)
    {
        var mine = Components(hero);
        var theirs = Components(other);
        (string Name, double Hero, double Other)? best = null;
        var bestGap = 1e-9;
        foreach (var (key, c) in mine)
        {
            if (!theirs.TryGetValue(key, out var o)) continue;
            var gap = (c.Value - o.Value) * c.Weight * ScoreWeight(weights, c.Score);
            if (gap > bestGap)
            {
                bestGap = gap;
                best = (c.Name, c.Value, o.Value);
            }
        }
        return best;
    }

    private static Dictionary<string, ScoreComponent> Components(Photo photo) =>
        (photo.Score?.Components ?? Array.Empty<ScoreComponent>())
            .GroupBy(c => c.Score + "/" + c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static double ScoreWeight(ThemeWeights w, string score) => score switch
    {
        "QTech" => w.QTech,
        "Aesthetic" => w.Aesthetic,
        "Vibe" => w.Vibe,
        "Typography" => w.Typography,
        "Composition" => w.Composition,
        // The taste component maps a shift of Total in [−bound, +bound] to [0, 1] with weight = bound,
        // so a value gap times weight times 2 is its gap in Total (docs/algorithms.md#taste-over-measured-properties).
        "Taste" => 2,
        _ => 0,
    };

    private static double Total(Photo p) => p.Score?.Total ?? 0;

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
