using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>Collects a batch's preprocess results in input order and writes its stage JSON.</summary>
public sealed class PreprocessBatch
{
    private readonly WorkspaceLayout _layout;
    private readonly PreprocessOptions _options;
    private readonly PreprocessStageDocument _document;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public PreprocessBatch(string batchId, WorkspaceLayout layout, PreprocessOptions options)
    {
        _layout = layout;
        _options = options;
        _document = new PreprocessStageDocument
        {
            BatchId = BatchIds.Validate(batchId),
            Params = new PreprocessStageDocument.ParamsRecord
            {
                RankingLongEdge = options.RankingLongEdge,
                StandardizedLongEdge = options.StandardizedLongEdge,
                JpegQuality = options.JpegQuality,
            },
        };
    }

    public string BatchId => _document.BatchId;
    public int Count => _document.Artifacts.Count;
    public int FromCache { get; private set; }

    public void Add(Photo photo, PhotoPreprocess result)
    {
        if (result.FromCache) FromCache++;
        // An exact duplicate shares the photo id and therefore the artifact: list it once.
        if (!_seen.Add(photo.PhotoId)) return;
        _document.Artifacts.Add(new PreprocessStageDocument.Artifact
        {
            PhotoId = photo.PhotoId,
            OriginalUri = WorkspacePaths.ToFileUri(photo.Path),
            RankingUri = WorkspacePaths.ToRelative(_layout, result.RankingPath),
            StdUri = WorkspacePaths.ToRelative(_layout, result.StandardizedPath),
            ProcessingMetadata = new PreprocessStageDocument.ProcessingMetadata
            {
                OriginalSize = new[] { result.OriginalWidth, result.OriginalHeight },
                RankingSize = new[] { result.RankingWidth, result.RankingHeight },
                StandardizedSize = new[] { result.StandardizedWidth, result.StandardizedHeight },
                ProcessingMethod = result.ProcessingMethod,
            },
        });
    }

    public void Reject(string path, string errorId, string message) =>
        _document.Errors.Add(new StageError { Uri = WorkspacePaths.ToFileUri(path), ErrorId = errorId, Message = message });

    public PreprocessStageDocument ToDocument()
    {
        _document.IdempotencyKey = Hashing.Of(new[] { BatchId, "preprocess", Preprocessor.StageVersion, _options.ParametersHash }
            .Concat(_document.Artifacts.Select(a => a.PhotoId))
            .Concat(_document.Errors.Select(e => e.Uri + "|" + e.ErrorId)).ToArray());
        return _document;
    }

    public string WriteStageJson()
    {
        var path = _layout.StageJsonPath("preprocess", BatchId);
        StageJson.Write(path, ToDocument());
        return path;
    }
}
