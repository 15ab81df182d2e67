namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Which of two byte-identical files is the original and which the copy (docs/algorithms.md#photo-id-and-duplicates):
/// the one written earlier (a copy made by cp or a download is newer), then the shorter name (a copy
/// gets " (1)", " copy" or "-2" added), then the ordinal order of the full path.
/// </summary>
public static class OriginalOrder
{
    /// <summary>Negative when <paramref name="a"/> is the original of the two.</summary>
    public static int Compare(Photo a, Photo b)
    {
        var byTime = WrittenAt(a.Path).CompareTo(WrittenAt(b.Path));
        if (byTime != 0) return byTime;
        var byLength = Path.GetFileNameWithoutExtension(a.Path).Length.CompareTo(Path.GetFileNameWithoutExtension(b.Path).Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(a.Path, b.Path);
    }

    /// <summary>Last write time to the second: copy tools that keep the time (Finder, Explorer, cp -p) may round it.</summary>
    private static long WrittenAt(string path)
    {
        try
        {
            return File.GetLastWriteTimeUtc(path).Ticks / TimeSpan.TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return long.MaxValue;
        }
    }
}
