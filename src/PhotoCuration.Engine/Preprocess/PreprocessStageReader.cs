using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>The preprocess record's part of a photo: its derived images and their sizes (<see cref="Photo.Preprocess"/>).</summary>
public sealed class PreprocessStageReader() : PhotoStageReader<PreprocessStageDocument>(StageCatalog.Preprocess)
{
    protected override PhotoStageRecords Open(StageImportContext context, PreprocessStageDocument document) =>
        PhotoStageRecords.Of(document.Artifacts, a => a.PhotoId, (photo, a) => photo.Preprocess = FromPreprocess(context.Layout, photo, a));

    private static PhotoPreprocess FromPreprocess(WorkspaceLayout layout, Photo photo, PreprocessStageDocument.Artifact a)
    {
        var m = a.ProcessingMetadata ?? throw new FormatException("processing_metadata is missing.");
        return new PhotoPreprocess
        {
            OriginalPath = photo.Path,
            RankingPath = WorkspacePaths.ToFull(layout, a.RankingUri),
            StandardizedPath = WorkspacePaths.ToFull(layout, a.StdUri),
            OriginalWidth = Pair(m.OriginalSize, "original_size")[0],
            OriginalHeight = Pair(m.OriginalSize, "original_size")[1],
            RankingWidth = Pair(m.RankingSize, "ranking_size")[0],
            RankingHeight = Pair(m.RankingSize, "ranking_size")[1],
            StandardizedWidth = Pair(m.StandardizedSize, "standardized_size")[0],
            StandardizedHeight = Pair(m.StandardizedSize, "standardized_size")[1],
            ProcessingMethod = m.ProcessingMethod,
            // Nothing was decoded: the result is a stored one, like a cache hit.
            FromCache = true,
        };
    }

    private static int[] Pair(int[]? size, string name) =>
        size is { Length: 2 } ? size : throw new FormatException($"{name} must be [width, height].");
}
