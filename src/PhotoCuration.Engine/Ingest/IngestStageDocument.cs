namespace PhotoCuration.Engine.Ingest;

/// <summary><c>intermediateJsons/ingest/&lt;batch_id&gt;.json</c> (SPEC section 5, ingest).</summary>
public sealed class IngestStageDocument
{
    public string BatchId { get; set; } = "";
    public string Stage { get; set; } = "ingest";
    public string StageVersion { get; set; } = BatchIngest.StageVersion;
    /// <summary>{batch_id, stage, hash(inputs)} (SPEC section 4).</summary>
    public string IdempotencyKey { get; set; } = "";
    public List<PhotoIndexEntry> PhotoIndex { get; set; } = new();
    public string? ThemeSpecRef { get; set; }
    public BatchInputFile.OverridesRecord UserOverrides { get; set; } = new();
    public List<StageError> Errors { get; set; } = new();

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

/// <summary>One line of a stage JSON's <c>errors</c> list.</summary>
public sealed class StageError
{
    public string Uri { get; set; } = "";
    public string ErrorId { get; set; } = "";
    public string Message { get; set; } = "";
}
