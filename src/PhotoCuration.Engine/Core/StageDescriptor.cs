namespace PhotoCuration.Engine.Core;

/// <summary>
/// What the rest of the module needs to know about a stage, whatever it computes: its name (the
/// document's <c>stage</c> value, its folder under <c>intermediateJsons/</c>, its cache folder and its
/// entry in the timings log), its place in the pipeline, its shape, and the names it goes by elsewhere
/// (the cmdlet that runs it, the engine type that implements it). Listed once, in <see cref="StageCatalog"/>.
/// </summary>
public sealed record StageDescriptor(string Name, int Order, StageKind Kind, string Cmdlet, string EngineType)
{
    /// <summary>The key of the stage's wall time in <c>data/cache/timings/&lt;batch_id&gt;.json</c> and in the curated list's audit.</summary>
    public string TimingKey => Name;

    public override string ToString() => Name;
}
