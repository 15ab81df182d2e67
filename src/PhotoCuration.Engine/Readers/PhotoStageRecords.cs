namespace PhotoCuration.Engine.Readers;

/// <summary>
/// One per-photo stage document opened for a rebuild: its records in document order, each with what it
/// sets on a photo. An id listed twice stays twice in <see cref="Entries"/> (ingest lists each file of an
/// exact duplicate under the shared id); <see cref="TryAttach"/> uses the first record of an id.
/// </summary>
public sealed class PhotoStageRecords
{
    private readonly List<(string PhotoId, Action<Photo> Attach)> _entries = new();
    private readonly Dictionary<string, Action<Photo>> _first = new(StringComparer.Ordinal);
    private readonly List<string> _ids = new();
    private readonly Action? _finish;

    private PhotoStageRecords(Action? finish) => _finish = finish;

    /// <param name="finish">Runs once the rebuild has read every photo (e.g. a summary warning).</param>
    public static PhotoStageRecords Of<T>(IEnumerable<T?>? records, Func<T, string?> photoId, Action<Photo, T> attach, Action? finish = null) where T : class
    {
        var opened = new PhotoStageRecords(finish);
        foreach (var record in records ?? Enumerable.Empty<T?>())
        {
            if (record is null || photoId(record) is not { Length: > 0 } id) continue;
            void Apply(Photo photo) => attach(photo, record);
            opened._entries.Add((id, Apply));
            if (opened._first.TryAdd(id, Apply)) opened._ids.Add(id);
        }
        return opened;
    }

    /// <summary>Every record, in document order.</summary>
    public IReadOnlyList<(string PhotoId, Action<Photo> Attach)> Entries => _entries;

    /// <summary>The photo ids listed, once each, in document order.</summary>
    public IReadOnlyList<string> PhotoIds => _ids;

    public bool Contains(string photoId) => _first.ContainsKey(photoId);

    /// <summary>Sets the photo's record of this stage on it; false when the document has none for its id.</summary>
    public bool TryAttach(Photo photo)
    {
        if (!_first.TryGetValue(photo.PhotoId, out var attach)) return false;
        attach(photo);
        return true;
    }

    public void Finish() => _finish?.Invoke();
}
