using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// A photo as it travels between machines: originals as portable paths (<see cref="LibraryRoots"/>), no
/// batch or workspace of its own. Each side converts with its own library roots, so a Windows coordinator
/// and a Linux worker read the same record. The stages' results travel beside it, each as a <see cref="WireResult"/>.
/// </summary>
public static class WirePhoto
{
    /// <summary>The portable copy of a photo as a worker's inspection left it (the photo itself is left as it is).</summary>
    public static Photo ToWire(Photo photo, LibraryRoots library)
    {
        var copy = StageJson.Deserialize<Photo>(StageJson.Serialize(photo))!;
        copy.Workspace = "";
        copy.BatchId = "";
        return OriginalPaths.Repath(copy, library.ToPortable);
    }

    /// <summary>This machine's form of a photo that travelled (converted in place).</summary>
    /// <exception cref="PhotoInputException">A path names a library this machine has no root for.</exception>
    public static Photo FromWire(Photo photo, LibraryRoots library) =>
        OriginalPaths.Repath(photo, library.ToLocal);
}
