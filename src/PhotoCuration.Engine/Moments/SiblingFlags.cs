using PhotoCuration.Engine.Scoring;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// The gate's second look, with the moment known (docs/algorithms.md#relative-detail-inside-a-moment):
/// a frame clearly softer than a sibling is flagged with the numbers ("softer than m_0007's hero: 0.42
/// of its detail, motion blur at 99°") and its Total lowered like any flagged frame's, so it scores
/// below the sibling that replaces it. Idempotent: every run starts again from the verdict and Total
/// Measure-PhotoScore gave (<see cref="PhotoScore.ScoredVerdict"/>, <see cref="PhotoScore.ScoredTotal"/>).
/// </summary>
public static class SiblingFlags
{
    public const string Reason = "softer";

    /// <summary>Restores the scorecard's own verdict and Total, dropping an earlier run's sibling flag.</summary>
    public static void Reset(Photo photo)
    {
        if (photo.Score is not { } s) return;
        if (s.ScoredVerdict.Length == 0)
        {
            s.ScoredVerdict = s.Verdict;
            s.ScoredTotal = s.Total;
        }
        if (s.SiblingFlag is { } old)
        {
            s.FlagReasons = s.FlagReasons.Where(r => r != old).ToArray();
            s.DropReasons = s.DropReasons.Where(r => r != Reason).ToArray();
            s.SiblingFlag = null;
        }
        s.Verdict = s.ScoredVerdict;
        s.Total = s.ScoredTotal;
    }

    /// <summary>
    /// Flags <paramref name="photo"/> as softer than a sibling with <paramref name="reason"/>: its Total is
    /// lowered like any flagged frame's and kept below <paramref name="below"/>, the lowest Total of the
    /// siblings it is clearly softer than (it loses to each of them whatever small differences elsewhere say).
    /// </summary>
    public static void Apply(Photo photo, string reason, double? below)
    {
        if (photo.Score is not { } s || s.IsDropped) return;
        s.SiblingFlag = reason;
        s.FlagReasons = s.FlagReasons.Append(reason).ToArray();
        if (!s.DropReasons.Contains(Reason)) s.DropReasons = s.DropReasons.Append(Reason).ToArray();
        if (s.Verdict == Scorecard.Kept)
        {
            s.Verdict = Scorecard.Flagged;
            s.Total = Math.Round(s.Total * ScoreCalibration.FlagPenalty, 4);
        }
        if (below is { } cap && s.Total >= cap) s.Total = Math.Max(0, Math.Round(cap - Step, 4));
    }

    /// <summary>The smallest Total step (Totals are stored to 4 decimals).</summary>
    private const double Step = 0.0001;

    /// <summary>
    /// The lowest scorecard Total among the members <paramref name="photo"/> is clearly softer than (not
    /// dropped, comparable resolution, not noisier than the moment); null when there is none.
    /// </summary>
    public static double? Ceiling(Photo photo, IReadOnlyList<Photo> members)
    {
        if (photo.Features is not { } f) return null;
        var sharper = members.Where(m => m.PhotoId != photo.PhotoId && m.Features is { } g && m.Score is { IsDropped: false }
                                         && RelativeDetail.IsReferenceFor(m, photo, members) && Math.Pow(2, f.Detail - g.Detail) < RelativeDetail.ClearlySofter)
            .Select(m => m.Score!.Total)
            .ToList();
        return sharper.Count == 0 ? null : sharper.Min();
    }
}
