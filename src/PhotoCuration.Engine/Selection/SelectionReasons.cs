using System.Globalization;
using PhotoCuration.Engine.Export;

namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Why a photo was picked, in sentences a photo editor can read: lock and gate, moment, role, what it
/// brings to the set, its quality and its stars. Written once the set is final (sequence, ranks and stars
/// fixed), and every claim speaks of the finished set as a whole, never of the order greedy picked in,
/// so neither the displayed sequence nor the rank can contradict a reason (docs/algorithms.md#selection):
/// <list type="bullet">
/// <item>coverage: "the only time_of_day:morning photo in the set" — no other pick has that value;</item>
/// <item>likeness: the most alike <em>other</em> pick of the set, with its similarity;</item>
/// <item>quality: "rank 3 of 24 picks" is the item's <see cref="CuratedItem.Rank"/>.</item>
/// </list>
/// </summary>
public static class SelectionReasons
{
    /// <summary>Below this similarity to every other pick, a pick is "little like any other pick".</summary>
    public const double LittleAlike = 0.35;

    /// <param name="Picks">The picks in sequence order.</param>
    /// <param name="Present">Values each axis takes among the candidates.</param>
    /// <param name="CandidateRank">Quality rank among all candidates that could be picked.</param>
    /// <param name="Percentile">Each pick's percentile of Total among the moments' best kept frames (behind its stars).</param>
    /// <param name="MomentCount">How many moments have a kept frame.</param>
    public sealed record SetContext(IReadOnlyList<SelectionCandidate> Picks, IReadOnlyDictionary<string, HashSet<string>> Present,
        IReadOnlyDictionary<string, int> CandidateRank, int PickableCount, IReadOnlyDictionary<string, double> Percentile, int MomentCount,
        double QTechMin, SelectionOptions Options);

    public static IEnumerable<string> For(SelectionCandidate c, CuratedItem item, SetContext set)
    {
        var s = c.Photo.Score;
        if (c.IsLocked)
        {
            yield return s is not null && c.FailedGate
                ? $"locked in by the user; failed the technical gate: {string.Join(", ", GateVerdict.FailReasons(s))} (Q_tech {F(s.QTech)}, gate {F(set.QTechMin)})"
                : "locked in by the user";
        }
        if (s is not null && c.IsFlagged) yield return $"flagged by the technical gate: {GateVerdict.FlagDetail(s)}; check it before use";
        // A photo grouping never saw (the gate dropped it, or it came without a moment) has its id as its
        // moment: a reason names moments as the page does (m_0039), never by a raw id.
        yield return c.MomentId == c.PhotoId
            ? (c.FailedGate ? "in no moment: the technical gate dropped it before grouping" : "in no moment: not grouped with other frames")
            : c.MomentSize == 1
            ? $"only frame of moment {c.MomentId}"
            : c.MomentRank == 1
                ? $"hero of moment {c.MomentId}: {c.HeroLead ?? $"best of {c.MomentSize} frames"}"
                : $"frame {c.MomentRank} of {c.MomentSize} in moment {c.MomentId}{(c.IsLocked ? "" : $" (up to {set.Options.MaxPerMoment} per moment allowed)")}";
        if (item.Role == RoleFit.Opener && s is not null)
            yield return $"opener: copy space {F(s.Typography)}, composition {F(s.Composition)}, {c.Axes[CoverageAxes.Orientation]}";
        if (item.Role == RoleFit.Closer && s is not null)
            yield return $"closer: composition {F(s.Composition)}, aesthetic {F(s.Aesthetic)}, {c.Axes[CoverageAxes.TimeOfDay]} light";
        foreach (var value in OnlyValues(c, set)) yield return $"the only {value} photo in the set";
        if (Likeness(c, set) is { } likeness) yield return likeness;
        if (s is not null)
        {
            var of = set.CandidateRank.TryGetValue(c.PhotoId, out var cr) ? $", {Ordinal(cr)} best of {set.PickableCount} candidates" : "";
            yield return $"Total_prelim {F(c.Quality)}: rank {item.Rank} of {set.Picks.Count} picks{of}";
            yield return Stars(item, s, set);
        }
    }

    /// <summary>
    /// The <c>axis:value</c> tags of the pick that no other pick of the set shares, on axes a person can
    /// act on (a look number means nothing to a reader: looks are covered silently) and where the
    /// candidates show more than one value (being the only one of a single value says nothing).
    /// </summary>
    public static IEnumerable<string> OnlyValues(SelectionCandidate c, SetContext set)
    {
        foreach (var axis in CoverageAxes.All.Where(CoverageAxes.Actionable))
        {
            var value = c.Axes.GetValueOrDefault(axis) ?? CoverageAxes.Unknown;
            if (value == CoverageAxes.Unknown || set.Present.GetValueOrDefault(axis) is not { Count: > 1 }) continue;
            if (set.Picks.Any(o => !ReferenceEquals(o, c) && o.Axes.GetValueOrDefault(axis) == value)) continue;
            yield return $"{axis}:{value}";
        }
    }

    private static string? Likeness(SelectionCandidate c, SetContext set)
    {
        var others = set.Picks.Where(o => !ReferenceEquals(o, c)).ToList();
        if (others.Count == 0) return null;
        var (nearest, phi) = others.Select(o => (o, Phi: PhotoSimilarity.Between(c.Moment, o.Moment)))
            .OrderByDescending(x => x.Phi).ThenBy(x => x.o.PhotoId, StringComparer.Ordinal).First();
        return phi <= 0
            ? $"unlike every other pick ({others.Count} other{(others.Count == 1 ? "" : "s")})"
            : phi < LittleAlike
                ? $"little like any other pick: the most alike, {nearest.Photo.FileName}, is only {F(phi)} similar"
                : $"most alike other pick: {nearest.Photo.FileName} ({F(phi)} similar), still worth its place";
    }

    private static string Stars(CuratedItem item, PhotoScore s, SetContext set)
    {
        var stars = $"{item.Rating} star{(item.Rating == 1 ? "" : "s")}";
        if (GateVerdict.FailedGate(s)) return $"{stars}: failed the technical gate";
        var percentile = set.Percentile.GetValueOrDefault(item.PhotoId);
        var why = $"{stars}: Total_prelim at the {Ordinal((int)Math.Round(100 * percentile))} percentile of the best frames of the shoot's {set.MomentCount} moments";
        return GateVerdict.IsFlagged(s) && StarRating.ForPercentile(percentile) > item.Rating ? $"{why}, at most {StarRating.FlaggedCap} while flagged" : why;
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ordinal(int n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
