namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// A RAW and a JPEG with the same name in the same folder (<c>IMG_0001.CR2</c> + <c>IMG_0001.JPG</c>)
/// are the same frame written twice by the camera: one photo with two files, not two candidates.
/// The RAW is the photo and the JPEG its companion, as Lightroom treats a JPEG next to a RAW as a
/// sidecar. Names are compared case-insensitively (cameras and card readers differ in case).
/// </summary>
public static class RawJpegPairing
{
    /// <summary>One photo to inspect: the primary file and, for a pair, the companion file.</summary>
    public readonly record struct Entry(string Primary, string? Companion);

    /// <summary>
    /// Groups a list of files into photos, in the order of each photo's first file. Within a folder and
    /// stem, the first RAW pairs with the first JPEG; further files with that stem stay single.
    /// </summary>
    public static IReadOnlyList<Entry> Pair(IReadOnlyList<string> files)
    {
        var rawByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var jpegByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < files.Count; i++)
        {
            var key = Key(files[i]);
            var extension = Path.GetExtension(files[i]);
            if (PhotoFormats.IsRawExtension(extension)) rawByKey.TryAdd(key, i);
            else if (PhotoFormats.IsJpegExtension(extension)) jpegByKey.TryAdd(key, i);
        }
        var entries = new List<Entry>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var key = Key(files[i]);
            if (rawByKey.TryGetValue(key, out var raw) && jpegByKey.TryGetValue(key, out var jpeg) && (i == raw || i == jpeg))
            {
                if (i == Math.Min(raw, jpeg)) entries.Add(new Entry(files[raw], files[jpeg]));
                continue;
            }
            entries.Add(new Entry(files[i], null));
        }
        return entries;
    }

    /// <summary>Whether two files are the RAW and the JPEG of one frame (in either order).</summary>
    public static bool ArePair(string a, string b)
    {
        if (!string.Equals(Key(a), Key(b), StringComparison.OrdinalIgnoreCase)) return false;
        var (ea, eb) = (Path.GetExtension(a), Path.GetExtension(b));
        return (PhotoFormats.IsRawExtension(ea) && PhotoFormats.IsJpegExtension(eb))
            || (PhotoFormats.IsJpegExtension(ea) && PhotoFormats.IsRawExtension(eb));
    }

    /// <summary>The RAW of a pair: the primary file.</summary>
    public static Entry Order(string a, string b) =>
        PhotoFormats.IsRawExtension(Path.GetExtension(a)) ? new Entry(a, b) : new Entry(b, a);

    /// <summary>Whether a file of this kind could have a partner beside it on disk (a RAW or JPEG with the same stem).</summary>
    public static bool HasPartnerOnDisk(string path)
    {
        var extension = Path.GetExtension(path);
        var wantRaw = PhotoFormats.IsJpegExtension(extension);
        if (!wantRaw && !PhotoFormats.IsRawExtension(extension)) return false;
        var folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder)) return false;
        var stem = Path.GetFileNameWithoutExtension(path);
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, MatchType = MatchType.Simple, IgnoreInaccessible = true };
        try
        {
            return Directory.EnumerateFiles(folder, EscapeSimple(stem) + ".*", options)
                .Any(f => !string.Equals(f, path, StringComparison.Ordinal) && ArePair(path, f));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Folder + stem, the identity of a frame.</summary>
    private static string Key(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "", Path.GetFileNameWithoutExtension(path));

    /// <summary>'*' and '?' in a real name must not act as wildcards: those names fall back to listing all.</summary>
    private static string EscapeSimple(string stem) => stem.IndexOfAny(new[] { '*', '?' }) >= 0 ? "*" : stem;
}
