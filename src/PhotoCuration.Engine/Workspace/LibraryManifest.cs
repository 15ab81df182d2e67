using System.Text.Json;
using PhotoCuration.Engine.Distributed;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// The library roots a batch was ingested with, <c>intermediateJsons/library/&lt;batch_id&gt;.json</c>:
/// the stage JSON of a run given <c>-Library</c> records originals as <c>archive:/2019/x.jpg</c>, and a
/// later step that reads it without <c>-Library</c> (the review page, Import-PhotoStage, a rerun's global
/// steps) resolves those through the roots recorded here. A step given <c>-Library</c> uses its own roots
/// instead — on another machine, or after the library moved (docs/distributed.md#library-relative-paths).
/// Roots that are no full path on this machine (a Windows share read on Linux), or no folder here (the
/// library moved, or is not mounted), are not used: each photo under one is then an UnknownLibrary error
/// naming the -Library to give, rather than a missing file at a place the library left.
/// </summary>
public static class LibraryManifest
{
    /// <summary>What the file holds.</summary>
    public sealed class Document
    {
        public string BatchId { get; set; } = "";
        /// <summary>Library name → the root it had on the machine that wrote the batch's ingest record.</summary>
        public SortedDictionary<string, string> Libraries { get; set; } = new(StringComparer.Ordinal);
    }

    public static string PathOf(WorkspaceLayout layout, string batchId) =>
        Path.Combine(layout.StageJsonDir, "library", BatchIds.Validate(batchId) + ".json");

    /// <summary>Records the roots of the run that writes the batch's ingest record; a run without roots writes nothing.</summary>
    public static void Write(WorkspaceLayout layout, string batchId, LibraryRoots library)
    {
        if (library.IsEmpty) return;
        var document = new Document { BatchId = batchId };
        foreach (var (name, root) in library.Roots) document.Libraries[name] = root;
        StageJson.Write(PathOf(layout, batchId), document);
    }

    /// <summary>The roots recorded for the batch that are folders here; none when the batch has no record or it cannot be read.</summary>
    public static LibraryRoots Read(WorkspaceLayout layout, string batchId)
    {
        var path = PathOf(layout, batchId);
        if (!File.Exists(path)) return LibraryRoots.None;
        try
        {
            var document = StageJson.Read<Document>(path);
            if (document is null) return LibraryRoots.None;
            return new LibraryRoots(document.Libraries.Where(r => Path.IsPathFullyQualified(r.Value) && Directory.Exists(r.Value)));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Without roots, each library-relative original is one UnknownLibrary error naming -Library.
            return LibraryRoots.None;
        }
    }

    /// <summary>The roots a step resolves originals with: those given to it, else the batch's recorded ones.</summary>
    public static LibraryRoots For(WorkspaceLayout layout, string batchId, LibraryRoots? given) =>
        given is { IsEmpty: false } ? given : Read(layout, batchId);
}
