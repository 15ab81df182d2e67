using System.Text.Json.Serialization;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// <c>curated_list.json</c> and <c>intermediateJsons/exporter/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents,
/// exporter): the contract the layout service reads. Property order is declaration order and every map
/// is sorted, so the same selection always serializes to the same bytes (except created_at and timings).
/// Items are in <c>sequence</c> (layout) order; <c>rank</c> is the quality order (1 = best Total_prelim),
/// <c>rating</c> the stars, <c>verdict</c> the technical gate's (kept, flagged, or dropped for a locked-in
/// photo). Beyond the SPEC shape: <c>diversity_axes</c> (the machine map beside the tags) and
/// <c>artifacts.exported</c> (the copy's file name in the export folder). The contract: docs/curated-list.md.
/// </summary>
public sealed class CuratedListDocument
{
    /// <summary>Version of this document's shape.</summary>
    public const string FormatVersion = "curated-list-2";

    public string BatchId { get; set; } = "";
    public string Version { get; set; } = FormatVersion;
    public string ThemeSpecRef { get; set; } = "";
    public List<Item> Items { get; set; } = new();
    public AuditRecord Audit { get; set; } = new();

    public sealed class Item
    {
        public string PhotoId { get; set; } = "";
        /// <summary>Layout order, 1 = first page; the items are written in this order.</summary>
        public int Sequence { get; set; }
        /// <summary>Quality order among the picks, 1 = best Total_prelim.</summary>
        public int Rank { get; set; }
        /// <summary>Stars 1–5 from quality within the shoot (docs/algorithms.md#export).</summary>
        public int Rating { get; set; }
        public string? ClusterId { get; set; }
        public string Role { get; set; } = "";
        public ScoresRecord Scores { get; set; } = new();
        /// <summary>The technical gate's verdict: kept, flagged, or dropped (only for a locked-in photo).</summary>
        public string Verdict { get; set; } = "kept";
        public List<string> DiversityTags { get; set; } = new();
        /// <summary>axis → value: a number when the value is numeric, else the category.</summary>
        public SortedDictionary<string, object> DiversityAxes { get; set; } = new(StringComparer.Ordinal);
        public List<string> Reasons { get; set; } = new();
        public ArtifactsRecord Artifacts { get; set; } = new();
    }

    /// <summary>The score keys are written as the contract spells them.</summary>
    public sealed class ScoresRecord
    {
        [JsonPropertyName("Q_tech")] public double? QTech { get; set; }
        [JsonPropertyName("Aesthetic")] public double? Aesthetic { get; set; }
        [JsonPropertyName("Vibe")] public double? Vibe { get; set; }
        [JsonPropertyName("Typography")] public double? Typography { get; set; }
        [JsonPropertyName("Composition")] public double? Composition { get; set; }
        [JsonPropertyName("Total")] public double? Total { get; set; }
    }

    public sealed class ArtifactsRecord
    {
        /// <summary>Standardized image, workspace-relative ('/'-separated); null when not preprocessed.</summary>
        public string? Std { get; set; }
        /// <summary>Ranking image, workspace-relative; null when not preprocessed.</summary>
        public string? Ranking { get; set; }
        /// <summary>The original, as a file:// URI.</summary>
        public string Original { get; set; } = "";
        /// <summary>File name of the exported copy, beside curated_list.json.</summary>
        public string Exported { get; set; } = "";
    }

    public sealed class AuditRecord
    {
        /// <summary>ISO 8601 UTC.</summary>
        public string CreatedAt { get; set; } = "";
        public OptimizerParams OptimizerParams { get; set; } = new();
        public SortedDictionary<string, long> StageTimingsMs { get; set; } = new(StageCatalog.Order);
        public SortedDictionary<string, int> Seeds { get; set; } = new(StringComparer.Ordinal);
        public long LlmTokens { get; set; }
    }

    /// <summary><see cref="SelectionParameters"/> with its maps sorted, plus what the selection reported.</summary>
    public sealed class OptimizerParams
    {
        public int Count { get; set; }
        public double QualityWeight { get; set; }
        public double DiversityWeight { get; set; }
        public SortedDictionary<string, double> AxisEmphasis { get; set; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, int> RoleQuotas { get; set; } = new(StringComparer.Ordinal);
        public int MaxPerMoment { get; set; }
        public int Seed { get; set; }
        public string Similarity { get; set; } = "";
        public int CandidateCount { get; set; }
        public double Objective { get; set; }
    }
}
