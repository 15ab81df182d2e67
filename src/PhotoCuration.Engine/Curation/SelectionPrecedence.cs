using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Curation;

/// <summary>
/// Who decides what a selection runs with, in one place for Select-CuratedSet, Invoke-PhotoCuration and
/// the review page: the baseline (the theme's <c>selection.*</c>, or the last run's parameters when the
/// review page re-runs), then the batch's overrides file (its lock-in and exclude replace the flags set
/// at import; its axis emphasis goes over the baseline's), then what the person passed explicitly. A
/// photo outside every moment (the technical gate dropped it) that the file locks joins as a moment of
/// its own: a lock is always honoured.
/// </summary>
public static class SelectionPrecedence
{
    public sealed record Resolved(SelectionOptions Options, IReadOnlyList<PhotoMoment> Moments);

    /// <param name="outside">Scored photos in no moment, when the caller has them (the review page, the session); may be empty.</param>
    public static Resolved Resolve(SelectionOptions baseline, BatchOverrides? file, ExplicitSelection given,
        string batchId, string workspace, IReadOnlyList<PhotoMoment> moments, IReadOnlyList<Photo> outside)
    {
        var options = baseline;
        if (file is not null)
        {
            moments = file.ApplyTo(moments);
            var grouped = new HashSet<string>(moments.SelectMany(m => m.Members).Select(p => p.PhotoId), StringComparer.Ordinal);
            var loose = outside.Where(p => !grouped.Contains(p.PhotoId)).ToList();
            file.ApplyTo(loose);
            moments = moments.Concat(loose.Where(p => p.IsLocked).Select(p => Single(batchId, workspace, p))).ToList();
            options = options with { AxisEmphasis = file.EmphasisOver(options.AxisEmphasis) };
        }
        var axes = new Dictionary<string, double>(options.AxisEmphasis, StringComparer.Ordinal);
        foreach (var (axis, value) in given.AxisEmphasis ?? new Dictionary<string, double>()) axes[axis] = value;
        options = options with
        {
            Count = given.Count ?? options.Count,
            QualityWeight = given.QualityWeight ?? options.QualityWeight,
            DiversityWeight = given.DiversityWeight ?? options.DiversityWeight,
            MaxPerMoment = given.MaxPerMoment ?? options.MaxPerMoment,
            AxisEmphasis = axes,
        };
        return new Resolved(options, moments);
    }

    private static PhotoMoment Single(string batchId, string workspace, Photo photo) => new()
    {
        MomentId = "",
        BatchId = batchId,
        Workspace = workspace,
        Members = new[] { photo },
        Hero = photo,
    };
}
