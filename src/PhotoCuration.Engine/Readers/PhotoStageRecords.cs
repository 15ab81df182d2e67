namespace PhotoCuration.Engine.Readers;

/// <summary>
/// One per-photo stage document opened for a rebuild: its records in document order, each with what it
/// sets on a photo, streamed from the file on each enumeration of <see cref="Entries"/> (never held as a
/// whole: docs/architecture.md#archive-scale). An id listed twice comes twice (ingest lists each file of
/// an exact duplicate under the shared id); a later stage's rebuild uses the first record of an id.
/// </summary>
public sealed class PhotoStageRecords
{
    private readonly IEnumerable<(string PhotoId, Action<Photo> Attach)> _entries;
    private readonly Action? _finish;

    private PhotoStageRecords(IEnumerable<(string, Action<Photo>)> entries, Action? finish)
    {
        _entries = entries;
        _finish = finish;
    }

    /// <param name="records">The stage's records, read lazily (<see cref="StageImportContext.Records{TRecord}"/>).</param>
    /// <param name="finish">Runs once the rebuild has read every photo (e.g. a summary warning).</param>
    public static PhotoStageRecords Of<T>(IEnumerable<T?>? records, Func<T, string?> photoId, Action<Photo, T> attach, Action? finish = null) where T : class =>
        new(Stream(records ?? Enumerable.Empty<T?>(), photoId, attach), finish);

    private static IEnumerable<(string, Action<Photo>)> Stream<T>(IEnumerable<T?> records, Func<T, string?> photoId, Action<Photo, T> attach) where T : class
    {
        foreach (var record in records)
        {
            if (record is null || photoId(record) is not { Length: > 0 } id) continue;
            yield return (id, photo => attach(photo, record));
        }
    }

    /// <summary>Every record, in document order, read from the file as it goes.</summary>
    public IEnumerable<(string PhotoId, Action<Photo> Attach)> Entries => _entries;

    public void Finish() => _finish?.Invoke();
}
