using System.Diagnostics;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Curation;

/// <summary>
/// One selection of a batch, the same for Select-CuratedSet, Invoke-PhotoCuration and the review page:
/// parameters by <see cref="SelectionPrecedence"/>, the selection stage, its document written and its
/// time recorded.
/// </summary>
public static class SelectionStep
{
    public sealed record Result(CuratedSet Set, OptimizerStageDocument Document, string StageJson, long Milliseconds);

    /// <param name="embeddings">CLIP embeddings by photo (null: read them for the moments' members).</param>
    public static Result Run(PhotoTheme theme, SelectionOptions baseline, BatchOverrides? file, ExplicitSelection given,
        string batchId, WorkspaceLayout layout, IReadOnlyList<PhotoMoment> moments, IReadOnlyList<Photo> outside, Func<Photo, float[]?>? embeddings = null)
    {
        var clock = Stopwatch.StartNew();
        var resolved = SelectionPrecedence.Resolve(baseline, file, given, batchId, layout.Root, moments, outside);
        embeddings ??= EmbeddingSource.For(resolved.Moments.SelectMany(m => m.Members).ToList());
        var outcome = new SelectionStage(theme, resolved.Options, embeddings).Run(batchId, layout.Root, resolved.Moments);
        ApplyUserRatings(file, outcome.Set, outcome.Document);
        var path = StageDocumentWriter.Write(layout, outcome.Document);
        StageTimingLog.Record(layout, batchId, StageCatalog.Optimizer.TimingKey, clock.ElapsedMilliseconds);
        return new Result(outcome.Set, outcome.Document, path, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// The person's stars (overrides file <c>ratings</c>, set from the review page) replace the module's,
    /// in the set, its document and so the curated list and XMP; the reasons say so.
    /// </summary>
    private static void ApplyUserRatings(BatchOverrides? file, CuratedSet set, OptimizerStageDocument document)
    {
        if (file?.Ratings is not { Count: > 0 } ratings) return;
        foreach (var item in set.Items)
        {
            if (!ratings.TryGetValue(item.PhotoId, out var stars) || stars == item.Rating) continue;
            item.Reasons = item.Reasons.Append($"{stars} star{(stars == 1 ? "" : "s")} set by the user (the module gave {item.Rating})").ToArray();
            item.Rating = stars;
            document.Ratings[item.PhotoId] = stars;
            if (document.Reasons.TryGetValue(item.PhotoId, out var reasons)) document.Reasons[item.PhotoId] = item.Reasons.ToList();
        }
    }
}
