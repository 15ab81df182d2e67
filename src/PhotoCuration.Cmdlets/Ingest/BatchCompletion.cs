using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.Json;

namespace PhotoCuration.Cmdlets.Ingest;

/// <summary>
/// What tab completion offers for a batch: the batch ids that have an ingest record in the workspace,
/// and the file names of a batch's photos. Completion must never fail or be slow to type through, so
/// every read problem gives no suggestions rather than an error.
/// </summary>
internal static class BatchCompletion
{
    /// <summary>The workspace the command line names (-Workspace), else the current folder.</summary>
    public static string Workspace(IDictionary bound)
    {
        var location = CompletionText.CurrentFileSystemLocation();
        var given = bound.Contains("Workspace") ? bound["Workspace"]?.ToString() : null;
        return string.IsNullOrEmpty(given) ? location : System.IO.Path.GetFullPath(System.IO.Path.Combine(location, given!));
    }

    /// <summary>Batch ids with an ingest stage record in <paramref name="workspace"/>, sorted.</summary>
    public static IEnumerable<string> BatchIds(string workspace)
    {
        var folder = System.IO.Path.GetDirectoryName(IngestRecord(workspace, "x"))!;
        if (!Directory.Exists(folder)) return Array.Empty<string>();
        return Directory.EnumerateFiles(folder, "*.json").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// File names of the batch the command line names: the photos under its -Path/-LiteralPath folders when
    /// given (the batch being made), else those in the ingest record of -Batch/-BatchId.
    /// </summary>
    public static IEnumerable<string> FileNames(IDictionary bound)
    {
        var location = CompletionText.CurrentFileSystemLocation();
        var folders = new[] { "Path", "LiteralPath" }.Where(bound.Contains)
            .SelectMany(k => bound[k] is IEnumerable e and not string ? e.Cast<object?>() : new[] { bound[k] })
            .Select(o => o?.ToString()).Where(s => !string.IsNullOrEmpty(s))
            .Select(s => System.IO.Path.GetFullPath(System.IO.Path.Combine(location, s!))).Where(Directory.Exists).ToList();
        if (folders.Count > 0)
        {
            var recurse = bound.Contains("Recurse") && LanguagePrimitives.IsTrue(bound["Recurse"]);
            var scanner = new PhotoScannerBridge(null, null);
            return folders.SelectMany(f => scanner.Scan(f, recurse)).Select(System.IO.Path.GetFileName).OfType<string>();
        }
        var batch = new[] { "Batch", "BatchId" }.Where(bound.Contains).Select(k => bound[k]?.ToString()).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        return batch is null ? Array.Empty<string>() : RecordedFileNames(Workspace(bound), batch);
    }

    private static string IngestRecord(string workspace, string batchId) => IngestRecordPath.Of(workspace, batchId);

    private static IEnumerable<string> RecordedFileNames(string workspace, string batchId)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(IngestRecord(workspace, batchId)));
            if (!doc.RootElement.TryGetProperty("photo_index", out var index) || index.ValueKind != JsonValueKind.Array) return Array.Empty<string>();
            return index.EnumerateArray()
                .Select(e => e.TryGetProperty("file_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null)
                .OfType<string>().ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>The words matching what was typed, quoted where PowerShell needs it.</summary>
    public static IEnumerable<CompletionResult> Results(IEnumerable<string> words, string typed, string what)
    {
        var prefix = typed.Trim('\'', '"');
        return words.Distinct(StringComparer.Ordinal)
            .Where(w => w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(w => new CompletionResult(CompletionText.Quoted(w), w, CompletionResultType.ParameterValue, $"{what} {w}"));
    }

    /// <summary>Keeps the engine's layout type out of the completion code's signatures.</summary>
    private static class IngestRecordPath
    {
        public static string Of(string workspace, string batchId) =>
            new Engine.Workspace.WorkspaceLayout(workspace).StageJsonPath(Engine.Core.StageCatalog.Ingest, batchId);
    }
}

/// <summary>Completes -Batch / -BatchId with the batch ids that have an ingest record in the workspace.</summary>
public sealed class BatchIdCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        BatchCompletion.Results(BatchCompletion.BatchIds(BatchCompletion.Workspace(fakeBoundParameters)), wordToComplete, "batch");
}

/// <summary>Completes -LockIn / -ExcludePhoto with the file names of the batch's photos.</summary>
public sealed class BatchFileNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        BatchCompletion.Results(BatchCompletion.FileNames(fakeBoundParameters), wordToComplete, "photo");
}
