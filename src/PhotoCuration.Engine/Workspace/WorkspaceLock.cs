using System.Security.Cryptography;
using System.Text;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// A cross-process exclusive lock on one resource of a workspace (e.g. an export folder), held as an
/// open lock file under <c>data/cache/locks/</c> with no sharing (.NET turns FileShare.None into an
/// advisory flock on Unix and a share-mode lock on Windows, so two pwsh processes exclude each other).
/// The lock file is left in place on release: deleting it would let a waiter and a newcomer lock two
/// different files. Two runs on one workspace then take turns on the read-modify-write steps that
/// atomic renames alone cannot make safe.
/// </summary>
public sealed class WorkspaceLock : IDisposable
{
    private readonly FileStream _handle;

    private WorkspaceLock(FileStream handle) => _handle = handle;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock on <paramref name="resource"/>; throws <see cref="TimeoutException"/> after that.</summary>
    public static WorkspaceLock Acquire(WorkspaceLayout layout, string resource, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var dir = Path.Combine(layout.CacheDir, "locks");
        Directory.CreateDirectory(dir);
        var name = Hashing.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(resource)))[..16] + ".lock";
        var path = Path.Combine(dir, name);
        var deadline = DateTime.UtcNow + timeout;
        for (var attempt = 0; ; attempt++)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                return new WorkspaceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Math.Min(200, 10 * (attempt + 1)));
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"Another run has held the lock on '{resource}' ({path}) for over {timeout.TotalSeconds:0} s.", ex);
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
