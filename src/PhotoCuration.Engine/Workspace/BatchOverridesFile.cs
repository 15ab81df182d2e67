namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// The batch's overrides file, <c>data/overrides/&lt;batch_id&gt;.json</c> (<see cref="BatchOverrides"/>):
/// where it lives, how it is read (a bad file is an <see cref="InvalidDataException"/> naming it, never
/// ignored) and written (atomically).
/// </summary>
public static class BatchOverridesFile
{
    public static string PathFor(WorkspaceLayout layout, string batchId) =>
        Path.Combine(layout.DataDir, "overrides", BatchIds.Validate(batchId) + ".json");

    /// <summary>The batch's overrides file, or null when there is none.</summary>
    public static BatchOverrides? Load(WorkspaceLayout layout, string batchId)
    {
        var path = PathFor(layout, batchId);
        if (!File.Exists(path)) return null;
        BatchOverrides? file;
        try
        {
            file = StageJson.Read<BatchOverrides>(path);
        }
        catch (System.Text.Json.JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new InvalidDataException($"Overrides file '{path}' is not valid JSON{where}: {ex.Message}", ex);
        }
        if (file is null) throw new InvalidDataException($"Overrides file '{path}' is empty.");
        return file.Validated(path, batchId);
    }

    /// <summary>The file, or a new one seeded from the ingest record's user_overrides.</summary>
    public static BatchOverrides LoadOrSeed(WorkspaceLayout layout, string batchId)
    {
        if (Load(layout, batchId) is { } existing) return existing;
        var seeded = new BatchOverrides { BatchId = batchId };
        var ingestPath = layout.StageJsonPath(StageCatalog.Ingest.Name, batchId);
        if (File.Exists(ingestPath) && StageJson.Read<UserOverridesOf>(ingestPath)?.UserOverrides is { } fromIngest)
        {
            seeded.UserOverrides.LockIn.AddRange(fromIngest.LockIn ?? new());
            seeded.UserOverrides.Exclude.AddRange(fromIngest.Exclude ?? new());
        }
        return seeded;
    }

    /// <summary>Writes the file atomically (temp + rename): a reader never sees half of it.</summary>
    public static string Save(WorkspaceLayout layout, BatchOverrides overrides)
    {
        var path = PathFor(layout, overrides.BatchId);
        StageJson.Write(path, overrides);
        return path;
    }

    /// <summary>The one field of the ingest document the seed needs (the rest is ignored when read).</summary>
    private sealed class UserOverridesOf
    {
        public OverridesRecord? UserOverrides { get; set; }
    }
}
