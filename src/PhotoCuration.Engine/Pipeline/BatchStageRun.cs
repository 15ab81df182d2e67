using System.Diagnostics;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// Runs a batch stage whose document is a <see cref="StageDocument"/>: the stage, then its document
/// written by <see cref="StageDocumentWriter"/> (atomic, deterministic) and its wall time in the batch's
/// timing log, the same for every caller.
/// </summary>
public static class BatchStageRun
{
    /// <summary>The stage's result, where its document went and how long the stage took.</summary>
    public sealed record Written<TResult>(TResult Result, string StageJson, long Milliseconds);

    public static Written<TResult> Run<TInput, TResult>(IBatchStage<TInput, TResult> stage, TInput input, WorkspaceLayout layout,
        CancellationToken cancellation = default)
        where TResult : IBatchStageResult<StageDocument>
    {
        var clock = Stopwatch.StartNew();
        var result = stage.Run(input, cancellation);
        var path = StageDocumentWriter.Write(layout, result.Document);
        StageTimingLog.Record(layout, result.Document.BatchId, stage.Descriptor.TimingKey, clock.ElapsedMilliseconds);
        return new Written<TResult>(result, path, clock.ElapsedMilliseconds);
    }
}
