namespace PhotoCuration.Engine.Taste;

/// <summary>One scored photo of a run, as agreement needs it.</summary>
public sealed record AgreementPhoto(string PhotoId, string Path, string FileName, string? MomentId, double Total, PhotoScore? Score);

/// <summary>
/// What a curation run decided, for comparing with a photographer: every scored photo with its Total and
/// moment, each moment's hero, and the curated set with its reasons.
/// </summary>
public sealed record AgreementRun(
    string BatchId,
    string Workspace,
    IReadOnlyList<AgreementPhoto> Photos,
    IReadOnlyDictionary<string, string> HeroByMoment,
    IReadOnlyList<string> SetIds,
    IReadOnlyDictionary<string, string[]> SetReasons);
