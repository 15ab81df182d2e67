namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// A batch stage (clustering, ranking, optimizer, exporter): the whole batch in, one result out that holds
/// the stage's document. The stage computes; it does not write its document — <see cref="BatchStageRun"/>
/// does that (and records the stage's time) for the streaming cmdlets, the curation session and the review
/// page alike. The exporter writes its files as approved steps, so it is run by its own
/// <see cref="Export.ExportStage"/> and its document is the curated list. See docs/architecture.md#stage-model.
/// </summary>
public interface IBatchStage<in TInput, out TResult> where TResult : IBatchStageResult<object>
{
    StageDescriptor Descriptor { get; }

    /// <summary>Runs the stage over one batch.</summary>
    TResult Run(TInput input, CancellationToken cancellation);
}
