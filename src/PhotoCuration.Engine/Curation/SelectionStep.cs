using System.Diagnostics;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Pipeline;
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
    /// <param name="memo">φ remembered across selections of the same batch (the review server), or null.</param>
    public static Result Run(PhotoTheme theme, SelectionOptions baseline, BatchOverrides? file, ExplicitSelection given,
        string batchId, WorkspaceLayout layout, IReadOnlyList<PhotoMoment> moments, IReadOnlyList<Photo> outside, Func<Photo, float[]?>? embeddings = null,
        SimilarityMemo? memo = null)
    {
        var clock = Stopwatch.StartNew();
        var resolved = SelectionPrecedence.Resolve(baseline, file, given, batchId, layout.Root, moments, outside);
        embeddings ??= EmbeddingSource.For(resolved.Moments.SelectMany(m => m.Members).ToList());
        var written = BatchStageRun.Run(new SelectionStage(theme, resolved.Options, embeddings, memo), new SelectionStage.Input(batchId, layout.Root, resolved.Moments), layout);
        return new Result(written.Result.Set, written.Result.Document, written.StageJson, clock.ElapsedMilliseconds);
    }
}
