using System.Collections.Concurrent;
using System.Text.Json;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Import-PhotoStage's engine: reads a stage JSON, finds its stage from the document's <c>stage</c> field
/// (else the folder it sits in under intermediateJsons/), and hands it to the reader registered for that
/// stage. Extension point: a new stage needs one <see cref="IStageReader"/> added to <see cref="BuiltIn"/>
/// (or passed to <see cref="Register"/>), e.g. clustering → PhotoMoment, optimizer → CuratedSet.
/// </summary>
public static class StageImporter
{
    /// <summary>One reader per stage document: every per-photo stage of the catalogue emits photos; the batch stages their own objects.</summary>
    private static readonly IStageReader[] BuiltIn = StageCatalog.PerPhoto.Select(stage => (IStageReader)new PhotoStageReader(stage.Name))
        .Append(new MomentStageReader(StageCatalog.Clustering.Name))
        .Append(new MomentStageReader(StageCatalog.Ranking.Name))
        .Append(new CuratedSetStageReader())
        .ToArray();

    private static readonly ConcurrentDictionary<string, IStageReader> Readers =
        new(BuiltIn.ToDictionary(r => r.Stage, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Adds or replaces the reader of a stage.</summary>
    public static void Register(IStageReader reader) => Readers[reader.Stage] = reader;

    /// <summary>Stages that can be imported, in pipeline order.</summary>
    public static IReadOnlyList<string> Stages => Readers.Keys.OrderBy(s => s, StageCatalog.Order).ToList();

    /// <summary>
    /// The workspace a stage file belongs to: the folder holding <c>intermediateJsons/&lt;stage&gt;/</c>, or
    /// <paramref name="fallback"/> when the file is elsewhere.
    /// </summary>
    public static string WorkspaceOf(string stageFile, string fallback)
    {
        var stageDir = Path.GetDirectoryName(Path.GetFullPath(stageFile));
        var jsonDir = stageDir is null ? null : Path.GetDirectoryName(stageDir);
        return jsonDir is not null && Path.GetFileName(jsonDir) == "intermediateJsons" && Path.GetDirectoryName(jsonDir) is { } root
            ? root
            : fallback;
    }

    /// <summary>
    /// The objects of one stage file, lazily. Throws <see cref="PhotoInputException"/> (target: the file)
    /// when the file is missing or malformed, its stage is unknown, or an earlier stage file is missing.
    /// </summary>
    public static IEnumerable<object> Import(string stageFile, string workspace, bool includeDropped,
        Action<PhotoInputException> problem, Action<string> warning)
    {
        var path = Path.GetFullPath(stageFile);
        if (!File.Exists(path))
        {
            throw new PhotoInputException(PhotoErrorIds.StageFileNotFound, PhotoProblem.NotFound, path, $"Stage file '{path}' does not exist.");
        }
        var json = ReadText(path);
        var (stage, batchId) = Identify(path, json);
        if (!Readers.TryGetValue(stage, out var reader))
        {
            throw new PhotoInputException(PhotoErrorIds.UnknownStage, PhotoProblem.Unsupported, path,
                $"'{path}' is a '{stage}' record; Import-PhotoStage rebuilds {string.Join(", ", Stages)}.");
        }
        var context = new StageImportContext(path, json, stage, batchId, new WorkspaceLayout(workspace), includeDropped, problem, warning);
        return reader.Read(context);
    }

    internal static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, ex is UnauthorizedAccessException ? PhotoProblem.AccessDenied : PhotoProblem.Unreadable, path,
                $"Stage file '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The document's stage and batch id, checked before any reader runs.</summary>
    private static (string Stage, string BatchId) Identify(string path, string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Malformed(path, $"it is not JSON ({ex.Message})", ex);
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Malformed(path, "it is not a JSON object");
            var folder = Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
            var stage = root.TryGetProperty("stage", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()!
                : StageCatalog.Find(folder) is not null ? folder
                : throw new PhotoInputException(PhotoErrorIds.UnknownStage, PhotoProblem.Unsupported, path,
                    $"'{path}' names no stage (no \"stage\" field, and it is not under intermediateJsons/<stage>/); Import-PhotoStage rebuilds {string.Join(", ", Stages)}.");
            if (!root.TryGetProperty("batch_id", out var b) || b.ValueKind != JsonValueKind.String) throw Malformed(path, "it has no \"batch_id\" string");
            try
            {
                return (stage, BatchIds.Validate(b.GetString()!));
            }
            catch (ArgumentException ex)
            {
                throw Malformed(path, ex.Message, ex);
            }
        }
    }

    private static PhotoInputException Malformed(string path, string why, Exception? inner = null) =>
        new(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, path, $"'{path}' is not a valid stage record: {why}.", inner);
}
