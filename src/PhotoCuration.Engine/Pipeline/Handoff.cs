using System.Collections.Concurrent;

namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// What one stage hands to the next stage of the same streamed run, keyed by the photo's file path (and,
/// in a worker that runs several photos of the same path at once, the photo's <see cref="HandoffScope"/>):
/// ingest's bytes of the original to preprocess (one read per original), preprocess's standardized
/// JPEG to features (no read back of a file just written), features' decoded standardized pixels to
/// faces (no second decode); docs/architecture.md#one-read-one-decode. The taker removes the entry (and
/// owns it: disposes it when it is disposable), so an entry lives only while its photo travels between
/// two stages; a photo that comes without one (from the cache, or from another pipeline) is read from
/// disk as before.
/// </summary>
public sealed class Handoff<T> where T : class
{
    private readonly ConcurrentDictionary<Key, T> _items = new();

    /// <summary>The caller's scope (compared by reference; null outside any) and the path (ordinal).</summary>
    private readonly record struct Key(object? Scope, string Path);

    /// <summary>Hands <paramref name="value"/> over for <paramref name="path"/> in the caller's scope; an entry not taken there is replaced (and disposed).</summary>
    public void Put(string path, T value)
    {
        var key = new Key(HandoffScope.Current, path);
        _items.AddOrUpdate(key, value, (_, old) =>
        {
            if (!ReferenceEquals(old, value) && old is IDisposable disposable) disposable.Dispose();
            return value;
        });
    }

    /// <summary>The value handed over for <paramref name="path"/> in the caller's scope, removed; null when there is none.</summary>
    public T? Take(string path) => _items.TryRemove(new Key(HandoffScope.Current, path), out var value) ? value : null;

    /// <summary>Entries not taken (photos that left the stream between the two stages).</summary>
    public int Count => _items.Count;

    /// <summary>Drops the entries not taken, disposing the disposable ones (pooled pixel planes go back to their pool).</summary>
    public void Clear()
    {
        foreach (var key in _items.Keys)
        {
            if (_items.TryRemove(key, out var value) && value is IDisposable disposable) disposable.Dispose();
        }
    }
}
