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
        copy.Workspace = "";
        copy.BatchId = "";
        return Repath(copy, library.ToPortable, path => WorkspacePaths.ToRelative(layout, path));
    }

    /// <summary>This machine's form of a photo that travelled (converted in place).</summary>
    /// <exception cref="PhotoInputException">A path names a library this machine has no root for.</exception>
    public static Photo FromWire(Photo photo, LibraryRoots library, WorkspaceLayout layout) =>
        Repath(photo, library.ToLocal, path => WorkspacePaths.ToFull(layout, path));

    /// <summary>Every path the photo holds, in place: originals through <paramref name="original"/>, workspace files through <paramref name="derived"/>.</summary>
    private static Photo Repath(Photo photo, Func<string, string> original, Func<string, string> derived)
    {
        photo.Path = original(photo.Path);
        if (photo.CompanionPath is not null) photo.CompanionPath = original(photo.CompanionPath);
        if (photo.Preprocess is { } pre)
        {
            pre.OriginalPath = original(pre.OriginalPath);
            pre.RankingPath = derived(pre.RankingPath);
            pre.StandardizedPath = derived(pre.StandardizedPath);
        }
        if (photo.Features is { } features)
        {
            if (features.SaliencyPath is { } saliency) features.SaliencyPath = derived(saliency);
            if (features.EmbeddingPath is { } embedding) features.EmbeddingPath = derived(embedding);
        }
        return photo;
    }
}
