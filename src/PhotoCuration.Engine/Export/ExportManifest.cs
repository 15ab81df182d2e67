using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// <c>.photocuration-export.json</c> in the export folder: every file an export wrote there, with its
/// SHA-256. The next export of the folder replaces or removes only files listed here whose bytes are
/// still the ones it wrote; anything else in the folder (the user's own files, or ours edited since) is
/// left alone.
/// </summary>
public sealed class ExportManifest
{
    public const string FileName = ".photocuration-export.json";
    private const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;
    public string BatchId { get; set; } = "";
    public List<Entry> Files { get; set; } = new();

    public sealed class Entry
    {
        public string Name { get; set; } = "";
        public string Sha256 { get; set; } = "";
        /// <summary>For a copy: the photo it is a copy of (absent in manifests of older versions).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? PhotoId { get; set; }
        /// <summary>For a copy: it carries the export's XMP inside, so an export without -Xmp keeps it as it is.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
        public bool EmbeddedXmp { get; set; }
        /// <summary>For a copy: its size and last-write time (100 ns ticks, UTC) when the manifest was written (see <see cref="Unchanged"/>).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public long? Size { get; set; }
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public long? WriteTicks { get; set; }
    }

    /// <summary>The entry of <paramref name="name"/>, or null.</summary>
    public Entry? Find(string name) => Files.FirstOrDefault(f => f.Name == name);

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    /// <summary>The folder's manifest, or an empty one when there is none or it cannot be trusted.</summary>
    public static ExportManifest Read(string folder)
    {
        var path = PathIn(folder);
        try
        {
            if (!File.Exists(path)) return new ExportManifest();
            var read = StageJson.Read<ExportManifest>(path);
            if (read is null || read.Format != CurrentFormat || read.Files is null) return new ExportManifest();
            read.Files = read.Files.Where(f => f is not null && IsPlainName(f.Name) && !string.IsNullOrEmpty(f.Sha256)).ToList();
            return read;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return new ExportManifest();
        }
    }

    /// <summary>True when the manifest lists <paramref name="name"/> and the file still has the bytes we wrote.</summary>
    public bool Owns(string folder, string name)
    {
        var entry = Files.FirstOrDefault(f => f.Name == name);
        var path = Path.Combine(folder, name);
        return entry is not null && (Unchanged(folder, name, entry.Sha256) || (File.Exists(path) && FileHash.Of(path) == entry.Sha256));
    }

    /// <summary>
    /// True when the manifest lists <paramref name="name"/> with <paramref name="sha256"/> and a recorded
    /// identity, and the file still has that size and last-write time: its bytes are taken as unchanged
    /// without reading them, the way git's index and rsync decide (as ingest's inspection cache does).
    /// Only copies carry an identity: their time is the original's, so any edit moves it; a cached
    /// re-run then does not hash every 6 MB copy again (docs/architecture.md#workspace-and-cache).
    /// </summary>
    public bool Unchanged(string folder, string name, string sha256)
    {
        var entry = Files.FirstOrDefault(f => f.Name == name);
        if (entry is not { Size: { } size, WriteTicks: { } ticks } || entry.Sha256 != sha256) return false;
        var info = new FileInfo(Path.Combine(folder, name));
        return info.Exists && info.Length == size && info.LastWriteTimeUtc.Ticks == ticks;
    }

    public void Write(string folder) => StageJson.Write(PathIn(folder), this);

    /// <summary>A hand-edited manifest must not make us touch files outside the folder.</summary>
    private static bool IsPlainName(string? name) =>
        !string.IsNullOrEmpty(name) && name == Path.GetFileName(name) && name is not "." and not ".." && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
