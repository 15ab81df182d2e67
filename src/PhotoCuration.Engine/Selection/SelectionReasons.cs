using System.Globalization;

namespace PhotoCuration.Engine.Selection;

/// <summary>Why a photo was picked, in sentences a photo editor can read: lock, moment, role, what it adds, its quality.</summary>
public static class SelectionReasons
{
    public static IEnumerable<string> For(SelectionCandidate c, CuratedSelector.Pick pick, string role,
        IReadOnlyList<SelectionCandidate> all, IReadOnlyDictionary<string, int> qualityRank, int pickable, SelectionOptions o)
    {
        if (c.IsLocked) yield return "locked in by the user";
        yield return c.MomentSize == 1
            ? $"only frame of moment {c.MomentId}"
            : c.MomentRank == 1
                ? $"hero of moment {c.MomentId}: {c.HeroLead ?? $"best of {c.MomentSize} frames"}"
                : $"frame {c.MomentRank} of {c.MomentSize} in moment {c.MomentId}{(c.IsLocked ? "" : $" (up to {o.MaxPerMoment} per moment allowed)")}";
        var s = c.Photo.Score;
        if (role == RoleFit.Opener && s is not null)
            yield return $"opener: copy space {F(s.Typography)}, composition {F(s.Composition)}, {c.Axes[CoverageAxes.Orientation]}";
        if (role == RoleFit.Closer && s is not null)
            yield return $"closer: composition {F(s.Composition)}, aesthetic {F(s.Aesthetic)}, {c.Axes[CoverageAxes.TimeOfDay]} light";
        foreach (var value in pick.NewValues) yield return $"adds {value}, not yet covered";
        if (pick.NearestPick is { } n && pick.Order > 1)
        {
            yield return pick.NearestSimilarity <= 0
                ? $"a new look: like none of the {pick.Order - 1} photo{(pick.Order == 2 ? "" : "s")} picked before it"
                : pick.NearestSimilarity < 0.35
                    ? $"a new look: the most alike earlier pick ({all[n].Photo.FileName}) is only {F(pick.NearestSimilarity)} similar"
                    : $"most alike earlier pick: {all[n].Photo.FileName} ({F(pick.NearestSimilarity)} similar), still worth its place";
        }
        if (qualityRank.TryGetValue(c.PhotoId, out var rank))
            yield return $"Total_prelim {F(c.Quality)}, {Ordinal(rank)} best of {pickable} candidates";
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ordinal(int n) => n + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
