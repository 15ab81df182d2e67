namespace PhotoCuration.Engine.Core;

/// <summary>
/// What the rest of the module needs to know about a stage, whatever it computes: its name (the
/// document's <c>stage</c> value, its folder under <c>intermediateJsons/</c>, its cache folder and its
/// entry in the timings log), its version (the document's <c>stage_version</c>, part of every cache and
/// idempotency key), its place in the pipeline, its shape, the cmdlet that runs it, the engine type that
/// implements it, the type its document deserializes to and the reader that turns that document back into
/// the live run's objects (<c>Import-PhotoStage</c>). Listed once, in <see cref="StageCatalog"/>.
/// </summary>
/// <param name="Opener">For a per-photo stage after ingest: its <c>Pipeline.IPhotoStageOpener</c>, through which
/// the curation session opens and runs it (null for ingest, which starts the stream, and for batch stages).</param>
/// <param name="Optional">A later stage can run without this one (the face stage: a batch scored without
/// Find-PhotoFace still imports, with no faces).</param>
/// <param name="UsesBatch">A per-photo stage whose result depends on the batch as a whole (scoring reads each
/// photo's lock-in, which the batch's overrides decide): it runs where the batch is known — in a distributed
/// run on the coordinator, while the workers run every other per-photo stage (docs/distributed.md#what-runs-where).</param>
public sealed record StageDescriptor(
    string Name,
    string Version,
    int Order,
    StageKind Kind,
    string Cmdlet,
    Type EngineType,
    Type DocumentType,
    Type Reader,
    Type? Opener = null,
    bool Optional = false,
    bool UsesBatch = false)
{
    /// <summary>The key of the stage's wall time in <c>data/cache/timings/&lt;batch_id&gt;.json</c> and in the curated list's audit.</summary>
    public string TimingKey => Name;

    public override string ToString() => Name;
}
