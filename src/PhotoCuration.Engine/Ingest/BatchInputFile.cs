using System.Text.Json;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// <c>ingest_input.json</c>: what a batch is made of, written by <c>New-PhotoBatchInput</c> and read by
/// <c>Import-PhotoBatch -BatchFile</c> (docs/architecture.md#batch-file). The contract's shape is
/// <c>{"batch_id", "photos": [{"uri"}], "theme_spec_ref", "user_overrides": {"lock_in", "exclude"}}</c>;
/// files of earlier versions (<c>"format": 1</c>, <c>"photo_uris": […]</c>) are read too. Photo URIs are
/// absolute <c>file://</c> URIs, or library-relative (<c>archive:/2019/x.jpg</c>) for a photo under a
/// <c>-Library</c> root, which the reading step resolves with its own roots; on reading, plain absolute
/// paths and paths relative to the batch file are accepted. Reading is strict (<see cref="BatchInputReader"/>): an unknown key, a wrong type or an empty
/// photo list is an error that names the file, the line and the key, never a batch of 0 photos.
/// </summary>
public sealed class BatchInputFile
{
    /// <summary>The <c>format</c> files of earlier versions carry; the contract's shape has none.</summary>
    public const int CurrentFormat = 1;

    public string BatchId { get; set; } = "";
    public List<string> PhotoUris { get; set; } = new();
    public string? ThemeSpecRef { get; set; }
    public OverridesRecord UserOverrides { get; set; } = new();

    /// <exception cref="InvalidDataException">Not valid JSON, or not the batch file's shape (the message names file, line and key).</exception>
    /// <exception cref="ArgumentException">The batch id is not a safe name.</exception>
    public static BatchInputFile Load(string path)
    {
        var full = Path.GetFullPath(path);
        var file = BatchInputReader.Read(full, File.ReadAllBytes(full));
        BatchIds.Validate(file.BatchId);
        return file;
    }

    /// <summary>The photo paths, resolved against the batch file's folder (library-relative ones under <paramref name="library"/>).</summary>
    /// <exception cref="PhotoInputException">A photo is in a library <paramref name="library"/> has no root for (UnknownLibrary), or climbs out of it (OutsideLibrary).</exception>
    public IEnumerable<string> ResolvePaths(string batchFilePath, Distributed.LibraryRoots? library = null)
    {
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(batchFilePath))!;
        var roots = library ?? Distributed.LibraryRoots.None;
        return PhotoUris.Select(u => Distributed.LibraryRoots.IsPortable(u) ? roots.ToLocal(u) : WorkspacePaths.FromUriOrPath(u, baseDir)).ToList();
    }

    /// <summary>Writes the contract's shape, atomically (key order fixed, so the same batch gives the same bytes).</summary>
    public void Save(string path)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = StageJson.Options.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("batch_id", BatchId);
            w.WriteStartArray("photos");
            foreach (var uri in PhotoUris)
            {
                w.WriteStartObject();
                w.WriteString("uri", uri);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (ThemeSpecRef is null) w.WriteNull("theme_spec_ref"); else w.WriteString("theme_spec_ref", ThemeSpecRef);
            w.WriteStartObject("user_overrides");
            WriteList(w, "lock_in", UserOverrides.LockIn);
            WriteList(w, "exclude", UserOverrides.Exclude);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        AtomicFile.WriteAllText(path, System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n");
    }

    private static void WriteList(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
