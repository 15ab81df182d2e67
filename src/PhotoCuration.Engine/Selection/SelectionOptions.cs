namespace PhotoCuration.Engine.Selection;

/// <summary>Parameters of one selection (theme <c>selection.*</c> with per-run overrides).</summary>
public sealed record SelectionOptions
{
    public int Count { get; init; } = 24;
    public double QualityWeight { get; init; } = 0.7;
    public double DiversityWeight { get; init; } = 0.3;
    public int MaxPerMoment { get; init; } = 1;
    public IReadOnlyDictionary<string, int> RoleQuotas { get; init; } = new Dictionary<string, int> { ["opener"] = 1, ["closer"] = 1 };
    public IReadOnlyDictionary<string, double> AxisEmphasis { get; init; } = new Dictionary<string, double>();

    /// <summary>No random choice is made (ties break by photo id); the seed is recorded for the audit.</summary>
    public int Seed { get; init; } = 0;

    /// <summary>
    /// Stars the person gave (the overrides file's <c>ratings</c>, from the review page's keys 1–5), by photo
    /// id: they replace the module's stars in the set, its document, the curated list and the XMP.
    /// </summary>
    public IReadOnlyDictionary<string, int> UserRatings { get; init; } = new Dictionary<string, int>();

    public static SelectionOptions FromTheme(PhotoTheme theme) => new()
    {
        Count = theme.SelectionCount,
        QualityWeight = theme.QualityWeight,
        DiversityWeight = theme.DiversityWeight,
        RoleQuotas = theme.RoleQuotas.Count > 0 ? new Dictionary<string, int>(theme.RoleQuotas, StringComparer.Ordinal) : new Dictionary<string, int> { ["opener"] = 1, ["closer"] = 1 },
        AxisEmphasis = theme.AxisEmphasis.Count > 0 ? new Dictionary<string, double>(theme.AxisEmphasis, StringComparer.Ordinal) : DefaultEmphasis,
    };

    public static readonly IReadOnlyDictionary<string, double> DefaultEmphasis = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["time_of_day"] = 1.0, ["scene_type"] = 1.0, ["palette_cluster"] = 0.5, ["people_count"] = 0.5, ["orientation"] = 0.8,
    };
}
