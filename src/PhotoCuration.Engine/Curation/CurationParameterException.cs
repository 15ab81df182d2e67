namespace PhotoCuration.Engine.Curation;

/// <summary>
/// A parameter of a curation run that cannot work, found before any photo is read (a judge without a
/// key, a bad batch id, an unknown axis), so the run stops at once instead of failing at stage 4 or
/// warning once per moment. The cmdlet turns it into one terminating error.
/// </summary>
public sealed class CurationParameterException : ArgumentException
{
    public CurationParameterException(string errorId, string parameter, string message) : base(message, parameter) => ErrorId = errorId;

    /// <summary>Stable error id (e.g. <c>JudgeUnavailable</c>).</summary>
    public string ErrorId { get; }
}
