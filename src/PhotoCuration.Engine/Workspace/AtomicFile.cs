namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Atomic file writes: the bytes go to a unique temporary file in the target folder, are flushed to
/// disk, and the temporary file is renamed over the target. A reader therefore sees the old file or the
/// new one, never half of one, even when the process is killed mid-write or two runs write at once.
/// <para>
/// <c>durable: false</c> skips the flush to disk, for files the stage cache vouches for by size and
/// SHA-256 (derived images, cache entries): after a power cut such a file may be empty, the cache then
/// refuses it and the photo is recomputed, so the flush would only buy time lost on every write (each
/// flush costs 5–35 ms of wall time on the shared bench machine, five per photo;
/// docs/architecture.md#workspace-and-cache). Killing the process never loses a renamed file.
/// </para>
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => WriteAllBytes(path, bytes, durable: true);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool durable)
    {
        var temp = CreateTempPath(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: durable);
            }
            Commit(temp, path);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes through a callback into the temporary file, then commits it.</summary>
    public static void Write(string path, Action<Stream> write) => Write(path, write, durable: true);

    public static void Write(string path, Action<Stream> write, bool durable)
    {
        var temp = CreateTempPath(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }
            Commit(temp, path);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary>Temporary files start with '.' and end with '.tmp' so no reader mistakes one for a real file.</summary>
    public static bool IsTempFile(string path) =>
        System.IO.Path.GetFileName(path).StartsWith('.') && path.EndsWith(".tmp", StringComparison.Ordinal);

    private static string CreateTempPath(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        return System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
    }

    private static void Commit(string temp, string path)
    {
        // Retry briefly: on Windows a concurrent reader holding the target open makes the rename fail.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(20 * (attempt + 1));
            }
            catch (UnauthorizedAccessException) when (attempt < 10 && OperatingSystem.IsWindows())
            {
                Thread.Sleep(20 * (attempt + 1));
            }
        }
    }

    /// <summary>
    /// A temporary file older than this belongs to a process that was killed mid-write: a live write
    /// (one JPEG or JSON file) takes well under a second, so a concurrent run's file is never this old.
    /// </summary>
    public static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(1);

    /// <summary>
    /// Deletes the temporary files a killed process left in <paramref name="directory"/> (never read
    /// back, but they would accumulate). Only names of the <see cref="IsTempFile"/> form, only older
    /// than <paramref name="minimumAge"/>; anything that cannot be deleted is left.
    /// </summary>
    public static int RemoveStaleTempFiles(string directory, TimeSpan minimumAge, bool recurse = false)
    {
        if (!Directory.Exists(directory)) return 0;
        var cutoff = DateTime.UtcNow - minimumAge;
        var removed = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = recurse, IgnoreInaccessible = true, AttributesToSkip = 0, MatchType = MatchType.Simple };
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp", options))
            {
                if (!IsTempFile(file) || File.GetLastWriteTimeUtc(file) >= cutoff) continue;
                TryDelete(file);
                if (!File.Exists(file)) removed++;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Housekeeping only: a folder that cannot be listed is left as it is.
        }
        return removed;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
