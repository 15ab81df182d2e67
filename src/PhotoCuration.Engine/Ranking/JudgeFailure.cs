namespace PhotoCuration.Engine.Ranking;

/// <summary>Why the judge could not answer; every kind leads to the Total_prelim fallback.</summary>
public enum JudgeFailureKind
{
    Timeout,
    HttpError,
    Transport,
    Malformed,
    BudgetExhausted,
    MissingImage,
    Disabled,
}

/// <summary>
/// The judge failed for a pair. The message is already redacted: it may be shown, logged and written
/// to the stage JSON as it is. The original exception is deliberately not kept as InnerException,
/// because its message (and the response body inside it) may hold the key.
/// </summary>
public sealed class JudgeFailure : Exception
{
    public JudgeFailure(JudgeFailureKind kind, string redactedMessage, int? status = null) : base(redactedMessage)
    {
        Kind = kind;
        Status = status;
    }

    public JudgeFailureKind Kind { get; }

    /// <summary>HTTP status, when the server answered.</summary>
    public int? Status { get; }

    /// <summary>Failures after which asking again is pointless (wrong key, unknown model or endpoint).</summary>
    public bool IsFatal => Kind == JudgeFailureKind.HttpError && Status is 400 or 401 or 403 or 404;
}
