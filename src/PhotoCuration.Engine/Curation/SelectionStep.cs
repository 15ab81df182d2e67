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

    /// <summary>
    /// The selection of a batch grouped in parts (docs/architecture.md#archive-scale), made before the
    /// grouping so that its candidates are gathered while each moment's full photos are at hand: hand
    /// <see cref="Partwise.Candidates"/>'s <see cref="PartwiseCandidates.Add"/> every ranked moment, then
    /// <see cref="RunPartwise"/>. Without an overrides file: its locks and excludes apply to photos the
    /// parts no longer hold, so a batch with one is selected from its moments (<see cref="Run"/>).
    /// </summary>
    public sealed record Partwise(SelectionStage Stage, PartwiseCandidates Candidates);

    /// <param name="rebuild">The whole photos with these ids (<see cref="PartwiseBatch.Rebuild"/>), for the picks.</param>
    public static Partwise PreparePartwise(PhotoTheme theme, SelectionOptions baseline, ExplicitSelection given, string batchId, WorkspaceLayout layout,
        Func<IReadOnlySet<string>, IEnumerable<Photo>> rebuild, Func<Photo, float[]?>? embeddings = null)
    {
        var resolved = SelectionPrecedence.Resolve(baseline, null, given, batchId, layout.Root, Array.Empty<PhotoMoment>(), Array.Empty<Photo>());
        var stage = new SelectionStage(theme, resolved.Options, embeddings);
        return new Partwise(stage, new PartwiseCandidates(stage, theme, resolved.Options, rebuild));
    }

    /// <summary>Selects from the gathered candidates and writes the optimizer document, as <see cref="Run"/> does.</summary>
    public static Result RunPartwise(Partwise partwise, string batchId, WorkspaceLayout layout)
    {
        var clock = Stopwatch.StartNew();
        var outcome = partwise.Stage.Run(batchId, layout.Root, partwise.Candidates.Kept, partwise.Candidates.KeyLines(), partwise.Candidates.Whole);
        var path = StageDocumentWriter.Write(layout, outcome.Document);
        StageTimingLog.Record(layout, batchId, partwise.Stage.Descriptor.TimingKey, clock.ElapsedMilliseconds);
        return new Result(outcome.Set, outcome.Document, path, clock.ElapsedMilliseconds);
    }
}
