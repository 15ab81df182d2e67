namespace PhotoCuration.Engine.Workspace;

/// <summary>Conversions between file paths and the forms stage JSON stores them in.</summary>
public static class WorkspacePaths
{
    /// <summary>Workspace-relative path with '/' separators, as stage JSON stores derived files.</summary>
    public static string ToRelative(WorkspaceLayout layout, string fullPath) =>
        Path.GetRelativePath(layout.Root, fullPath).Replace('\\', '/');

    public static string ToFull(WorkspaceLayout layout, string relativePath) =>
        Path.GetFullPath(Path.Combine(layout.Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>An absolute <c>file://</c> URI for an original (spaces and non-ASCII percent-encoded).</summary>
    public static string ToFileUri(string fullPath)
    {
        // new Uri(path) would unescape a literal "%41" in a file name into "A"; escape each segment
        // ourselves so every name round-trips exactly. '\' is a separator only on Windows: on Unix it
        // is an ordinary character of a name and is escaped (%5C), or 'up\..\..\x.jpg' would become a
        // URI pointing at another file (found by the Pester path-name tests).
        var full = Path.GetFullPath(fullPath);
        if (Path.DirectorySeparatorChar == '\\') full = full.Replace('\\', '/');
        var escaped = string.Join('/', full.Split('/').Select(segment => segment.EndsWith(':') ? segment : Uri.EscapeDataString(segment)));
        return "file://" + (escaped.StartsWith('/') ? "" : "/") + escaped;
    }

    /// <summary>Reads a file URI, an absolute path, or a path relative to <paramref name="baseDir"/>.</summary>
    public static string FromUriOrPath(string value, string baseDir)
    {
        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            return uri.LocalPath;
        }
        return Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(baseDir, value));
    }
}
