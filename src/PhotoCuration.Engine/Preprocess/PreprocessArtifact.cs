namespace PhotoCuration.Engine.Preprocess;

/// <summary>What one preprocess run produced for a photo: the cache payload (workspace-relative paths).</summary>
public sealed class PreprocessArtifact
{
    public string RankingPath { get; set; } = "";
    public string StdPath { get; set; } = "";
    public int[] OriginalSize { get; set; } = new int[2];
    public int[] RankingSize { get; set; } = new int[2];
    public int[] StandardizedSize { get; set; } = new int[2];
    public string ProcessingMethod { get; set; } = "";
    /// <summary>docs/algorithms.md#effective-resolution.</summary>
    public int EffectiveLongEdge { get; set; }
}
