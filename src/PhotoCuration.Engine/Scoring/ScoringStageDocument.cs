using System.Text.Json.Serialization;

namespace PhotoCuration.Engine.Scoring;

/// <summary>
/// <c>intermediateJsons/scoring/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents): the score keys are written as
/// the contract spells them (Q_tech, Total_prelim), not snake_case.
/// </summary>
public sealed class ScoringStageDocument : StageDocument
{
    public ScoringStageDocument() : base(StageCatalog.Scoring, Scorecard.Version) { }

    [JsonPropertyOrder(-85)]
    public string ScorecardVersion { get; set; } = Scorecard.Version;
    public override string? ThemeSpecRef { get; set; } = "";
    public string ThemeHash { get; set; } = "";
    public double QTechMin { get; set; }
    public List<ScoreEntry> Scores { get; set; } = new();
    public List<string> DroppedForTech { get; set; } = new();
    public Dictionary<string, string[]> DropReasons { get; set; } = new();

    public sealed class ScoreEntry
    {
        [JsonPropertyName("photo_id")] public string PhotoId { get; set; } = "";
        [JsonPropertyName("Q_tech")] public double QTech { get; set; }
        [JsonPropertyName("Aesthetic")] public double Aesthetic { get; set; }
        [JsonPropertyName("Vibe")] public double Vibe { get; set; }
        [JsonPropertyName("Typography")] public double Typography { get; set; }
        [JsonPropertyName("Composition")] public double Composition { get; set; }
        [JsonPropertyName("Total_prelim")] public double TotalPrelim { get; set; }
        [JsonPropertyName("locked")] public bool Locked { get; set; }
        /// <summary>kept, flagged or dropped.</summary>
        [JsonPropertyName("verdict")] public string Verdict { get; set; } = "kept";
        /// <summary>Why the gate doubts the photo, with numbers.</summary>
        [JsonPropertyName("flag_reasons")] public string[] FlagReasons { get; set; } = Array.Empty<string>();
    }
}
