using System.Text.Json.Serialization;

namespace PhotoCuration.Engine.Core;

/// <summary>
/// What every stage document, <c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c>, begins with: the
/// batch, the stage and its version, the idempotency key over the stage's inputs, the theme it ran under
/// (absent for the stages no theme touches), and, last, the per-photo errors. The orders pin these fields
/// where the documents have always had them; a stage's own fields go between (order 0, as declared), and
/// one that must sit before <c>theme_spec_ref</c> takes an order between −70 and −60. Written by
/// <see cref="Workspace.StageDocumentWriter"/>.
/// </summary>
public abstract class StageDocument
{
    protected StageDocument(StageDescriptor stage, string stageVersion)
    {
        Stage = stage.Name;
        StageVersion = stageVersion;
    }

    [JsonPropertyOrder(-100)]
    public string BatchId { get; set; } = "";

    [JsonPropertyOrder(-90)]
    public string Stage { get; set; }

    [JsonPropertyOrder(-80)]
    public string StageVersion { get; set; }

    /// <summary>A hash over {batch_id, stage, stage_version, parameters, inputs}: equal keys mean equal inputs (docs/architecture.md#stage-documents).</summary>
    [JsonPropertyOrder(-70)]
    public string IdempotencyKey { get; set; } = "";

    /// <summary>The theme the stage ran under; null (and not written) for a stage no theme touches.</summary>
    [JsonPropertyOrder(-60)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public virtual string? ThemeSpecRef { get; set; }

    [JsonPropertyOrder(100)]
    public List<StageError> Errors { get; set; } = new();
}
