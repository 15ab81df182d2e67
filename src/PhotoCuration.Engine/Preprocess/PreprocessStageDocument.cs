
namespace PhotoCuration.Engine.Preprocess;

/// <summary><c>intermediateJsons/preprocess/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents, preprocess).</summary>
public sealed class PreprocessStageDocument : StageDocument
{
    public PreprocessStageDocument() : base(StageCatalog.Preprocess) { }

    public ParamsRecord Params { get; set; } = new();
    public List<Artifact> Artifacts { get; set; } = new();

    public sealed class ParamsRecord
    {
        public int RankingLongEdge { get; set; }
        public int StandardizedLongEdge { get; set; }
        public int JpegQuality { get; set; }
    }

    public sealed class Artifact
    {
        public string PhotoId { get; set; } = "";
        public string OriginalUri { get; set; } = "";
        /// <summary>Workspace-relative, '/'-separated.</summary>
        public string RankingUri { get; set; } = "";
        /// <summary>Workspace-relative, '/'-separated.</summary>
        public string StdUri { get; set; } = "";
        public ProcessingMetadata ProcessingMetadata { get; set; } = new();
    }

    public sealed class ProcessingMetadata
    {
        public int[] OriginalSize { get; set; } = new int[2];
        public int[] RankingSize { get; set; } = new int[2];
        public int[] StandardizedSize { get; set; } = new int[2];
        /// <summary>Long edge holding detail, in pixels of the original (docs/algorithms.md#effective-resolution); 0 in records before preprocess-3.</summary>
        public int EffectiveLongEdge { get; set; }
        public string ProcessingMethod { get; set; } = "";
    }
}
