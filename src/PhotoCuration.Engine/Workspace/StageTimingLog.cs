namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Wall time of each stage's latest run on a batch, <c>data/cache/timings/&lt;batch_id&gt;.json</c> as a map
/// stage → milliseconds. Each stage merges its own entry when it completes; Export-CuratedList copies the
/// map into <c>audit.stage_timings_ms</c>. Merges are read-modify-write under a lock file and committed
/// atomically, so two runs finishing at once neither corrupt the file nor drop each other's entries; a
/// damaged file is read as empty (timings are diagnostics, never a reason to fail a stage).
/// </summary>
public static class StageTimingLog
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);

    public static string PathFor(WorkspaceLayout layout, string batchId) =>
        System.IO.Path.Combine(layout.CacheDir, "timings", BatchIds.Validate(batchId) + ".json");

    /// <summary>
    /// Sets <paramref name="stage"/>'s time for the batch, keeping every other stage's entry. Returns false
    /// when the log cannot be written (a read-only workspace): the stage itself has still succeeded.
    /// </summary>
    public static bool Record(WorkspaceLayout layout, string batchId, string stage, long milliseconds)
    {
        try
        {
            var path = PathFor(layout, batchId);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using var fileLock = TryLock(path + ".lock");
            var timings = ReadFile(path);
            timings[stage] = Math.Max(0, milliseconds);
            StageJson.Write(path, timings);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The batch's stage timings, in pipeline order (stages the layout does not list after, by name).</summary>
    public static SortedDictionary<string, long> Read(WorkspaceLayout layout, string batchId) =>
        new(ReadFile(PathFor(layout, batchId)), StageCatalog.Order);

    private static SortedDictionary<string, long> ReadFile(string path)
    {
        try
        {
            if (!File.Exists(path)) return new(StringComparer.Ordinal);
            var read = StageJson.Read<Dictionary<string, long>>(path);
            return new SortedDictionary<string, long>(read ?? new(), StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return new(StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// An exclusive handle on the lock file (left in place: deleting it on close would let a waiter and a
    /// newcomer lock two different files), or null after <see cref="LockWait"/> (a stuck or foreign
    /// holder): the merge then goes ahead unlocked, which can lose a concurrent entry but never corrupts.
    /// </summary>
    private static FileStream? TryLock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockWait;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Math.Min(100, 5 * (attempt + 1)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
