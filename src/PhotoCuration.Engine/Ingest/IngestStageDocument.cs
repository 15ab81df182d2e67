using System.Text.Json.Serialization;
namespace PhotoCuration.Engine.Ingest;

/// <summary><c>intermediateJsons/ingest/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents, ingest).</summary>
public sealed class IngestStageDocument : StageDocument
{
    public IngestStageDocument() : base(StageCatalog.Ingest, BatchIngest.StageVersion) { }

    [JsonPropertyOrder(-65)]
    public List<PhotoIndexEntry> PhotoIndex { get; set; } = new();

    /// <summary>Written even when null: Import-PhotoBatch without -Theme records that no theme was named.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public override string? ThemeSpecRef { get; set; }

    public OverridesRecord UserOverrides { get; set; } = new();

    public sealed class PhotoIndexEntry
    {
        public string PhotoId { get; set; } = "";
        public string Uri { get; set; } = "";
        /// <summary>The JPEG beside a RAW (or the RAW beside a JPEG stand-in): the second file of this photo.</summary>
        public string? CompanionUri { get; set; }
        public string FileName { get; set; } = "";
        public string Format { get; set; } = "";
        public long FileSize { get; set; }
        public int Width { get; set; }
        public int Height { get; set; }
        public string? DuplicateOf { get; set; }
        public bool Locked { get; set; }
        public bool Excluded { get; set; }
        public ExifRecord Exif { get; set; } = new();
    }
}
