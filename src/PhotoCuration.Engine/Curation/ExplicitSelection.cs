namespace PhotoCuration.Engine.Curation;

/// <summary>The selection parameters a person gave explicitly (null: not given), the last word in <see cref="SelectionPrecedence"/>.</summary>
public sealed record ExplicitSelection
{
    public int? Count { get; init; }
    public double? QualityWeight { get; init; }
    public double? DiversityWeight { get; init; }
    public int? MaxPerMoment { get; init; }
    public IReadOnlyDictionary<string, double>? AxisEmphasis { get; init; }
}
