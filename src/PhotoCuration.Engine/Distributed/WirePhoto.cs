using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// A photo and its per-photo results as they travel between machines: originals as portable paths
/// (<see cref="LibraryRoots"/>), derived files relative to the shared workspace, no batch or workspace of
/// its own. Each side converts with its own library roots and its own path to the workspace, so a
/// Windows coordinator and a Linux worker read the same record.
/// </summary>
public static class WirePhoto
{
    /// <summary>The portable copy of a worker's photo (the photo itself is left as it is).</summary>
    public static Photo ToWire(Photo photo, LibraryRoots library, WorkspaceLayout layout)
    {
        var copy = StageJson.Deserialize<Photo>(StageJson.Serialize(photo))!;
        copy.Path = library.ToPortable(photo.Path);
        if (photo.CompanionPath is not null) copy.CompanionPath = library.ToPortable(photo.CompanionPath);
        copy.Workspace = "";
        copy.BatchId = "";
        if (copy.Preprocess is { } pre)
        {
            pre.OriginalPath = library.ToPortable(pre.OriginalPath);
            pre.RankingPath = WorkspacePaths.ToRelative(layout, pre.RankingPath);
            pre.StandardizedPath = WorkspacePaths.ToRelative(layout, pre.StandardizedPath);
        }
        if (copy.Features is { } features)
        {
            if (features.SaliencyPath is { } saliency) features.SaliencyPath = WorkspacePaths.ToRelative(layout, saliency);
            if (features.EmbeddingPath is { } embedding) features.EmbeddingPath = WorkspacePaths.ToRelative(layout, embedding);
        }
        return copy;
    }

    /// <summary>This machine's form of a photo that travelled (converted in place).</summary>
    /// <exception cref="PhotoInputException">A path names a library this machine has no root for.</exception>
    public static Photo FromWire(Photo photo, LibraryRoots library, WorkspaceLayout layout)
    {
        photo.Path = library.ToLocal(photo.Path);
        if (photo.CompanionPath is not null) photo.CompanionPath = library.ToLocal(photo.CompanionPath);
        if (photo.Preprocess is { } pre)
        {
            pre.OriginalPath = library.ToLocal(pre.OriginalPath);
            pre.RankingPath = WorkspacePaths.ToFull(layout, pre.RankingPath);
            pre.StandardizedPath = WorkspacePaths.ToFull(layout, pre.StandardizedPath);
        }
        if (photo.Features is { } features)
        {
            if (features.SaliencyPath is { } saliency) features.SaliencyPath = WorkspacePaths.ToFull(layout, saliency);
            if (features.EmbeddingPath is { } embedding) features.EmbeddingPath = WorkspacePaths.ToFull(layout, embedding);
        }
        return photo;
    }
}
