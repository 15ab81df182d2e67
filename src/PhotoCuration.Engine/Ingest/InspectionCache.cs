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
/// In a shared workspace the file is named by its library-relative path when it is under a library root
/// (<c>archive:/2019/a.jpg</c>), so workers that mount the library at different paths share the entry.
/// </summary>
public sealed class InspectionCache
{
    /// <summary>Bumped whenever what inspection records changes.</summary>
    public const string Version = "inspect-1";

    private readonly StageCache _cache;
    private readonly string _parameters;

    private readonly Func<string, string> _identity;

    /// <param name="identity">The name a full path is remembered under (a library-relative path); default: the path itself.</param>
    public InspectionCache(WorkspaceLayout layout, double maxMegapixels, Func<string, string>? identity = null)
    {
        _cache = new StageCache(layout, "inspect", Version);
        _parameters = maxMegapixels.ToString("R", CultureInfo.InvariantCulture);
        _identity = identity ?? (path => path);
    }

    /// <summary>The cached inspection of <paramref name="path"/> when its identity is unchanged, else <paramref name="inspect"/>'s, recorded.</summary>
    public Photo Inspect(string path, Func<string, Photo> inspect)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists) return inspect(path);
        var name = _identity(full);
        var key = Key(name, info);
        if (_cache.TryGet<Entry>(key) is { } hit && hit.Path == name) return hit.ToPhoto(full);
        var photo = inspect(path);
        // Only a file still the same as when it was read is remembered.
        info.Refresh();
        if (info.Exists && Key(name, info) == key) _cache.Put(key, photo.PhotoId, Entry.From(photo, _identity(photo.Path)), Array.Empty<string>());
        return photo;
    }

    private string Key(string name, FileInfo info) => StageCache.Key(
        Hashing.Of(name, info.Length.ToString(CultureInfo.InvariantCulture), info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)),
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

        public static Entry From(Photo p, string name) => new() { Path = name, PhotoId = p.PhotoId, Format = p.Format, FileSize = p.FileSize, Width = p.Width, Height = p.Height, Exif = p.Exif };

        /// <summary>The photo, at <paramref name="full"/> (this machine's path of the file remembered by name).</summary>
        public Photo ToPhoto(string full) => new()
        {
            PhotoId = PhotoId,
            Path = full,
            FileName = System.IO.Path.GetFileName(full),
            Format = Format,
            FileSize = FileSize,
            Width = Width,
            Height = Height,
            Exif = Exif,
        };
    }
}
