using System.Security.Cryptography;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Content-addressed cache of per-photo stage results. The key is
/// (photo_id, stage, stage version, parameters hash, model id) (docs/architecture.md#workspace-and-cache). An entry records the
/// derived files it vouches for with their size and SHA-256; an entry that fails to parse, carries
/// another version or key, or whose files are missing or changed is treated as absent and recomputed,
/// never trusted. The payload carries its own SHA-256 (of its canonical JSON), so an entry edited by
/// hand into other valid JSON (a size changed, a field renamed away) is caught as well.
/// <para>
/// Shared by the workers of a studio (docs/distributed.md#shared-workspace): a put is first-writer-wins
/// (an intact entry under the key is kept, since the key fixes what it holds), and entries and the files
/// they vouch for are read with sharing that tolerates another process renaming over them.
/// </para>
/// </summary>
public sealed class StageCache
{
    // 2: adds payload_sha256 (entries of format 1 are recomputed once).
    private const int EntryFormat = 2;
    private readonly WorkspaceLayout _layout;

    /// <summary>The cache of a stage of the catalogue, at its version.</summary>
    public StageCache(WorkspaceLayout layout, StageDescriptor stage) : this(layout, stage.Name, stage.Version) { }

    public StageCache(WorkspaceLayout layout, string stage, string stageVersion)
    {
        _layout = layout;
        Stage = stage;
        StageVersion = stageVersion;
    }

    public string Stage { get; }
    public string StageVersion { get; }

    public static string Key(string photoId, string stage, string stageVersion, string parametersHash, string modelId) =>
        Hashing.Of(photoId, stage, stageVersion, parametersHash, modelId);

    /// <summary>The key of a result of a stage of the catalogue, at its version.</summary>
    public static string Key(string photoId, StageDescriptor stage, string parametersHash, string modelId) =>
        Key(photoId, stage.Name, stage.Version, parametersHash, modelId);

    public string EntryPath(string key) => Path.Combine(_layout.StageCacheDir(Stage), key[..2], key + ".json");

    /// <summary>Returns the cached payload when the entry and every file it lists are intact; else null.</summary>
    public T? TryGet<T>(string key) where T : class => TryGetEntry<T>(key)?.Payload;

    /// <summary>
    /// After a <see cref="Put{T}"/> that kept another writer's entry: that writer's payload, for every
    /// photo of this key to use the same files. The files this writer made that the kept entry does not
    /// name are removed, as nothing will ever name them: a copy of a photo under another name, in a chunk
    /// another worker ran at the same time, is named after its own path (docs/distributed.md#shared-workspace).
    /// Null (and nothing removed) when the kept entry is not intact: then the caller keeps its own.
    /// </summary>
    /// <param name="writtenFiles">Workspace-relative paths of the files this writer made for its payload.</param>
    public T? Adopt<T>(string key, IEnumerable<string> writtenFiles) where T : class
    {
        var entry = TryGetEntry<T>(key);
        if (entry is null) return null;
        var named = entry.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var file in writtenFiles.Where(f => !named.Contains(f)))
        {
            try { File.Delete(ToFullPath(file)); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return entry.Payload;
    }

    private CacheEntry<T>? TryGetEntry<T>(string key) where T : class
    {
        var path = EntryPath(key);
        if (!File.Exists(path)) return null;
        try
        {
            var entry = StageJson.Deserialize<CacheEntry<T>>(SharedRead.ReadAllText(path));
            if (entry is null || entry.Format != EntryFormat || entry.Key != key || entry.Stage != Stage
                || entry.StageVersion != StageVersion || entry.Payload is null
                || entry.Files is null || entry.Files.Any(f => f is null || string.IsNullOrEmpty(f.Path) || f.Sha256 is null)
                || entry.PayloadSha256 != PayloadHash(entry.Payload))
            {
                return null;
            }
            foreach (var file in entry.Files)
            {
                if (!FileMatches(file)) return null;
            }
            return entry;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records a payload and the derived files (workspace-relative paths) it depends on, unless an intact
    /// entry is already there: another worker computed the same key first, and rewriting it would only
    /// race with its readers. Returns false when the entry was kept.
    /// </summary>
    public bool Put<T>(string key, string photoId, T payload, IEnumerable<string> workspaceRelativeFiles) where T : class
    {
        if (File.Exists(EntryPath(key)) && TryGet<T>(key) is not null) return false;
        var files = workspaceRelativeFiles.Select(Describe).ToList();
        var entry = new CacheEntry<T>
        {
            Format = EntryFormat,
            Stage = Stage,
            StageVersion = StageVersion,
            Key = key,
            PhotoId = photoId,
            Files = files,
            Payload = payload,
            PayloadSha256 = PayloadHash(payload),
        };
        // The entry carries its payload's hash and TryGet checks it: no flush to disk needed.
        StageJson.WriteVerified(EntryPath(key), entry);
        return true;
    }

    /// <summary>
    /// SHA-256 of the payload's canonical JSON. A payload read back serializes to the same text only when
    /// every value it carries is the one written (unknown or misspelt properties are dropped on reading).
    /// </summary>
    private static string PayloadHash<T>(T payload) =>
        Hashing.Hex(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(payload, StageJson.Options))));

    private CachedFile Describe(string relativePath)
    {
        var full = ToFullPath(relativePath);
        using var stream = SharedRead.Open(full);
        return new CachedFile { Path = relativePath, Size = stream.Length, Sha256 = Hashing.Hex(SHA256.HashData(stream)) };
    }

    private bool FileMatches(CachedFile file)
    {
        var full = ToFullPath(file.Path);
        var info = new FileInfo(full);
        if (!info.Exists || info.Length != file.Size) return false;
        using var stream = SharedRead.Open(full);
        return Hashing.Hex(SHA256.HashData(stream)) == file.Sha256;
    }

    private string ToFullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(_layout.Root, relativePath));
        // A hand-edited entry must not make us read (or vouch for) files outside the workspace.
        var root = Path.TrimEndingDirectorySeparator(_layout.Root) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal)) throw new IOException($"Cache entry names a file outside the workspace: {relativePath}");
        return full;
    }

    public sealed class CacheEntry<T>
    {
        public int Format { get; set; }
        public string Stage { get; set; } = "";
        public string StageVersion { get; set; } = "";
        public string Key { get; set; } = "";
        public string PhotoId { get; set; } = "";
        public List<CachedFile> Files { get; set; } = new();
        public T? Payload { get; set; }
        public string? PayloadSha256 { get; set; }
    }

    public sealed class CachedFile
    {
        public string Path { get; set; } = "";
        public long Size { get; set; }
        public string Sha256 { get; set; } = "";
    }
}
