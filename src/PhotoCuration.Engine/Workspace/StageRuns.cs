namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Named runs of a batch's later stages, so exploring never silently rewrites what was exported
/// (docs/algorithms.md#stage-runs). The batch's main stage files (<c>intermediateJsons/&lt;stage&gt;/</c>)
/// are what its review page and its curated_list.json show. A stage cmdlet given <c>-RunName</c> writes
/// to <c>intermediateJsons/runs/&lt;run&gt;/&lt;stage&gt;/&lt;batch_id&gt;.json</c>; without one, a write that
/// would change the main file of a batch already exported goes to the run <see cref="Explore"/> instead,
/// with a notice. Runs that export (Invoke-PhotoCuration, the review page) write the main files.
/// </summary>
public static class StageRuns
{
    /// <summary>The run an unnamed exploration of an exported batch is written to.</summary>
    public const string Explore = "explore";

    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>How stage documents written inside a scope are placed.</summary>
    private sealed record Scope(string? RunName, Action<string>? Notice);

    /// <summary>
    /// Stage documents written until the result is disposed go to <paramref name="runName"/>, or, with
    /// none, are kept off the main files of an exported batch; <paramref name="notice"/> hears each diversion.
    /// </summary>
    public static IDisposable Exploring(string? runName, Action<string>? notice)
    {
        if (runName is not null) Validate(runName);
        var previous = Current.Value;
        Current.Value = new Scope(string.IsNullOrEmpty(runName) ? null : runName, notice);
        return new Restore(previous);
    }

    /// <summary>A run name is a folder name: the characters of a batch id.</summary>
    public static string Validate(string runName)
    {
        try
        {
            return BatchIds.Validate(runName);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"'{runName}' is no valid run name: {ex.Message}", nameof(runName), ex);
        }
    }

    /// <summary>Path of a stage's document in a named run.</summary>
    public static string StageJsonPath(WorkspaceLayout layout, StageDescriptor stage, string batchId, string runName) =>
        Path.Combine(layout.StageJsonDir, "runs", Validate(runName), stage.Name, BatchIds.Validate(batchId) + ".json");

    /// <summary>The run a stage document path lies in, or null for the batch's main files.</summary>
    public static string? RunOf(WorkspaceLayout layout, string path)
    {
        var relative = Path.GetRelativePath(layout.StageJsonDir, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return relative.Length == 4 && relative[0] == "runs" ? relative[1] : null;
    }

    /// <summary>The named runs holding a stage document of <paramref name="batchId"/>, sorted.</summary>
    public static IReadOnlyList<string> RunsOf(WorkspaceLayout layout, string batchId)
    {
        var runs = Path.Combine(layout.StageJsonDir, "runs");
        if (!Directory.Exists(runs)) return Array.Empty<string>();
        return Directory.EnumerateDirectories(runs)
            .Where(run => StageCatalog.All.Any(stage => File.Exists(Path.Combine(run, stage.Name, batchId + ".json"))))
            .Select(run => Path.GetFileName(run)!)
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Where a stage document is written under the current scope (the main file outside any scope).</summary>
    public static string WritePath(WorkspaceLayout layout, StageDescriptor stage, string batchId, string idempotencyKey)
    {
        var main = layout.StageJsonPath(stage, batchId);
        if (Current.Value is not { } scope) return main;
        if (scope.RunName is { } named) return StageJsonPath(layout, stage, batchId, named);
        if (!File.Exists(layout.StageJsonPath(StageCatalog.Exporter, batchId)) || !File.Exists(main) || SameKey(main, idempotencyKey)) return main;
        var diverted = StageJsonPath(layout, stage, batchId, Explore);
        scope.Notice?.Invoke($"Batch '{batchId}' was exported from its main run, and this {stage.Name} result differs from it: it was written to run '{Explore}' " +
            $"({diverted}), so the review page and curated_list.json still show the same set. Name experiments with -RunName; Invoke-PhotoCuration or the review page make a new main run.");
        return diverted;
    }

    private static bool SameKey(string path, string key)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.TryGetProperty("idempotency_key", out var k) && k.ValueKind == System.Text.Json.JsonValueKind.String && k.GetString() == key;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed class Restore(Scope? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
