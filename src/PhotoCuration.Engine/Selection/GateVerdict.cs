namespace PhotoCuration.Engine.Selection;

/// <summary>
/// How selection and export read the technical gate's verdict on a photo. A photo failed the gate when
/// the scorecard dropped it, or when it carries drop reasons without being merely flagged (a locked-in
/// photo that failed: the scorecard keeps it, IsDropped false, but records why it failed). Failed photos
/// are never picked unless locked in; flagged ones stay candidates and say so (docs/algorithms.md#selection).
/// </summary>
public static class GateVerdict
{
    public const string Kept = "kept", Flagged = "flagged", Dropped = "dropped";

    public static bool FailedGate(PhotoScore? score) => score is not null &&
        (score.IsDropped || score.Verdict == Dropped || (score.Verdict != Flagged && score.DropReasons.Length > 0));

    public static bool IsFlagged(PhotoScore? score) => score is not null && !FailedGate(score) && score.Verdict == Flagged;

    /// <summary>Why it failed: the scorecard's reasons, or "Q_tech below the gate" when it gave none.</summary>
    public static IReadOnlyList<string> FailReasons(PhotoScore score) =>
        score.DropReasons.Length > 0 ? score.DropReasons : new[] { "Q_tech below the gate" };

    /// <summary>
    /// Why it was flagged, as short tokens for keywords (blur, underexposed): the scorecard's reason
    /// tokens (DropReasons, which it fills for flagged photos too), else the flag reasons, else "doubtful".
    /// </summary>
    public static IReadOnlyList<string> FlagTokens(PhotoScore score) =>
        score.DropReasons.Length > 0 ? score.DropReasons : score.FlagReasons.Length > 0 ? score.FlagReasons : new[] { "doubtful" };

    /// <summary>Why it was flagged, in words with numbers for reasons: the flag reasons, else the tokens with Q_tech.</summary>
    public static string FlagDetail(PhotoScore score) =>
        score.FlagReasons.Length > 0
            ? string.Join("; ", score.FlagReasons)
            : string.Join(", ", FlagTokens(score)) + string.Create(System.Globalization.CultureInfo.InvariantCulture, $" (Q_tech {score.QTech:0.00})");

    /// <summary>kept, flagged or dropped, as selection reads it.</summary>
    public static string Of(PhotoScore? score) => FailedGate(score) ? Dropped : IsFlagged(score) ? Flagged : Kept;
}
