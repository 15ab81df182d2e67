using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>Collects a batch's preprocess results in input order for its stage JSON.</summary>
public sealed class PreprocessBatch : StageRecord
{
    private readonly PreprocessOptions _options;
    private readonly List<PreprocessStageDocument.Artifact> _artifacts = new();

    public PreprocessBatch(string batchId, WorkspaceLayout layout, PreprocessOptions options)
        : base(StageCatalog.Preprocess, batchId, layout, options.ParametersHash)
    {
        _options = options;
    }

    public int Count => _artifacts.Count;

    protected override void Record(Photo photo)
    {
        var result = photo.Preprocess ?? throw new ArgumentException($"'{photo.FileName}' has no preprocess result.", nameof(photo));
        _artifacts.Add(new PreprocessStageDocument.Artifact
        {
            PhotoId = photo.PhotoId,
            OriginalUri = OriginalPaths.ToStored(photo),
            RankingUri = WorkspacePaths.ToRelative(Layout, result.RankingPath),
            StdUri = WorkspacePaths.ToRelative(Layout, result.StandardizedPath),
            ProcessingMetadata = new PreprocessStageDocument.ProcessingMetadata
            {
                OriginalSize = new[] { result.OriginalWidth, result.OriginalHeight },
                RankingSize = new[] { result.RankingWidth, result.RankingHeight },
                StandardizedSize = new[] { result.StandardizedWidth, result.StandardizedHeight },
                EffectiveLongEdge = result.EffectiveLongEdge,
                ProcessingMethod = result.ProcessingMethod,
            },
        });
    }

    protected override StageDocument Build() => new PreprocessStageDocument
    {
        Params = new PreprocessStageDocument.ParamsRecord
        {
            RankingLongEdge = _options.RankingLongEdge,
            StandardizedLongEdge = _options.StandardizedLongEdge,
            JpegQuality = _options.JpegQuality,
        },
        Artifacts = _artifacts,
    };
}
