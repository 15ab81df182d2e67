using PhotoCuration.Engine.Distributed;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// How stage JSON and curated_list.json record an original: <c>archive:/2019/x.jpg</c> when the run was
/// given a library root it lies under (any machine resolves it with its own root of that name), else an
/// absolute <c>file://</c> URI, as before libraries existed (docs/curated-list.md, docs/distributed.md#library-relative-paths).
/// </summary>
public static class OriginalPaths
{
    /// <summary>The recorded form of the original at <paramref name="path"/> for a run with <paramref name="library"/>.</summary>
    public static string ToStored(string path, LibraryRoots library) => library.TryPortable(path) ?? WorkspacePaths.ToFileUri(path);

    /// <summary>The recorded form of a photo's original: its library-relative path when it has one, else its file URI.</summary>
    public static string ToStored(Photo photo) => photo.LibraryPath ?? WorkspacePaths.ToFileUri(photo.Path);

    /// <summary>This machine's path of a recorded original (a library-relative path, a file URI, or a path relative to the workspace).</summary>
    /// <exception cref="PhotoInputException"><see cref="PhotoErrorIds.UnknownLibrary"/> or <see cref="PhotoErrorIds.OutsideLibrary"/>.</exception>
    public static string FromStored(string stored, WorkspaceLayout layout, LibraryRoots library) =>
        LibraryRoots.IsPortable(stored) ? library.ToLocal(stored) : WorkspacePaths.FromUriOrPath(stored, layout.Root);

    /// <summary>
    /// Every original a photo names — its file, a RAW + JPEG pair's other file, the first file of an exact
    /// duplicate — mapped in place, the one list a move of the library or a trip between machines goes through.
    /// </summary>
    public static Photo Repath(Photo photo, Func<string, string> original)
    {
        photo.Path = original(photo.Path);
        if (photo.CompanionPath is not null) photo.CompanionPath = original(photo.CompanionPath);
        if (photo.DuplicateOf is not null) photo.DuplicateOf = original(photo.DuplicateOf);
        return photo;
    }
}
