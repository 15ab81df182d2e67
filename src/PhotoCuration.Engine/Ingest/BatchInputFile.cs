using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// <c>ingest_input.json</c>: what a batch is made of, written by <c>New-PhotoBatchInput</c> and read by
/// <c>Import-PhotoBatch -BatchFile</c>. Photo URIs are absolute <c>file://</c> URIs; on reading, plain
/// absolute paths and paths relative to the batch file are accepted too.
/// </summary>
public sealed class BatchInputFile
{
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;
    public string BatchId { get; set; } = "";
    public List<string> PhotoUris { get; set; } = new();
    public string? ThemeSpecRef { get; set; }
    public OverridesRecord UserOverrides { get; set; } = new();

    public static BatchInputFile Load(string path)
    {
        var full = Path.GetFullPath(path);
        BatchInputFile? file;
        try
        {
            file = StageJson.Read<BatchInputFile>(full);
        }
        catch (System.Text.Json.JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new InvalidDataException($"Batch file '{full}' is not valid ingest_input JSON{where}: {ex.Message}", ex);
        }
        if (file is null) throw new InvalidDataException($"Batch file '{full}' is empty.");
        if (file.Format != CurrentFormat) throw new InvalidDataException($"Batch file '{full}' has format {file.Format}; this version reads format {CurrentFormat}.");
        BatchIds.Validate(file.BatchId);
        file.PhotoUris ??= new();
        file.UserOverrides ??= new();
        return file;
    }

    /// <summary>The photo paths, resolved against the batch file's folder.</summary>
    public IEnumerable<string> ResolvePaths(string batchFilePath)
    {
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(batchFilePath))!;
        return PhotoUris.Select(u => WorkspacePaths.FromUriOrPath(u, baseDir));
    }

    public void Save(string path) => StageJson.Write(path, this);
}
