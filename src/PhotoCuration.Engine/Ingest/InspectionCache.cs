using System.Globalization;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Remembers what inspecting a file found (photo id, format, pixel size, EXIF) under the file's
/// identity — full path, size and last-write time to the 100 ns tick — the way git's index and rsync
/// decide a file is unchanged without reading it. A re-run over an unchanged shoot then reads no photo
/// bytes at ingest (hashing 6 GB of a 1,000-photo shoot was most of a cached run). Any write to a file
/// moves its time, so it is inspected and hashed again; and the bytes are still verified against the
/// photo id wherever they are used (preprocess decodes from the original, export copies only bytes
/// whose SHA-256 is the id). Entries live in the content-checked stage cache (<c>data/cache/inspect</c>).
/// </summary>
public sealed class InspectionCache
{
    /// <summary>Bumped whenever what inspection records changes.</summary>
    public const string Version = "inspect-1";

    private readonly StageCache _cache;
    private readonly string _parameters;

    public InspectionCache(WorkspaceLayout layout, double maxMegapixels)
    {
        _cache = new StageCache(layout, "inspect", Version);
        _parameters = maxMegapixels.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The cached inspection of <paramref name="path"/> when its identity is unchanged, else <paramref name="inspect"/>'s, recorded.</summary>
    public Photo Inspect(string path, Func<string, Photo> inspect)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists) return inspect(path);
        var key = Key(full, info);
        if (_cache.TryGet<Entry>(key) is { } hit && hit.Path == full) return hit.ToPhoto();
        var photo = inspect(path);
        // Only a file still the same as when it was read is remembered.
        info.Refresh();
        if (info.Exists && Key(full, info) == key) _cache.Put(key, photo.PhotoId, Entry.From(photo), Array.Empty<string>());
        return photo;
    }

    private string Key(string full, FileInfo info) => StageCache.Key(
        Hashing.Of(full, info.Length.ToString(CultureInfo.InvariantCulture), info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)),
        "inspect", Version, _parameters, "");

    /// <summary>What is remembered of one inspection.</summary>
    public sealed class Entry
    {
        public string Path { get; set; } = "";
        public string PhotoId { get; set; } = "";
        public string Format { get; set; } = "";
        public long FileSize { get; set; }
        public int Width { get; set; }
        public int Height { get; set; }
        public PhotoExif Exif { get; set; } = new();

        public static Entry From(Photo p) => new() { Path = p.Path, PhotoId = p.PhotoId, Format = p.Format, FileSize = p.FileSize, Width = p.Width, Height = p.Height, Exif = p.Exif };

        public Photo ToPhoto() => new()
        {
            PhotoId = PhotoId,
            Path = Path,
            FileName = System.IO.Path.GetFileName(Path),
            Format = Format,
            FileSize = FileSize,
            Width = Width,
            Height = Height,
            Exif = Exif,
        };
    }
}
