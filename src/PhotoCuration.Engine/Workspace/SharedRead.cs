namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Opens workspace files for reading the way a shared workspace (SMB, NFS) needs: with sharing that lets
/// another process rename a new version over the file, or delete it, while it is read. Windows and SMB
/// refuse a rename over a file held open without delete sharing, so a reader holding a cache entry
/// would make a worker's <see cref="AtomicFile"/> commit fail (docs/distributed.md#shared-workspace).
/// The reader keeps the version it opened.
/// </summary>
public static class SharedRead
{
    public const FileShare Sharing = FileShare.ReadWrite | FileShare.Delete;

    public static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, Sharing, 1 << 16);

    public static string ReadAllText(string path)
    {
        using var stream = Open(path);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
