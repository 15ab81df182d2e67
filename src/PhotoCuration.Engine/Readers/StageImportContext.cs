using System.Text.Json;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// What a <see cref="IStageReader"/> reads from: the stage file being imported, its batch and workspace,
/// the earlier stage files of the same batch (read once, on demand), and the sinks for per-photo
/// problems and warnings, which the cmdlet turns into error records and warnings as the objects stream.
/// </summary>
public sealed class StageImportContext
{
    private readonly Dictionary<string, object> _documents = new(StringComparer.Ordinal);
    private readonly string _json;

    public StageImportContext(string stageFile, string json, string stage, string batchId, WorkspaceLayout layout,
        bool includeDropped, Action<PhotoInputException> problem, Action<string> warning)
    {
        StageFile = stageFile;
        _json = json;
        Stage = stage;
        BatchId = batchId;
        Layout = layout;
        IncludeDropped = includeDropped;
        Problem = problem;
        Warning = warning;
    }

    /// <summary>Full path of the file being imported.</summary>
    public string StageFile { get; }
    public string Stage { get; }
    public string BatchId { get; }
    public WorkspaceLayout Layout { get; }
    /// <summary>Emit photos the technical gate dropped (scoring and later stages).</summary>
    public bool IncludeDropped { get; }
    /// <summary>Reports one bad photo of the document; the import goes on.</summary>
    public Action<PhotoInputException> Problem { get; }
    public Action<string> Warning { get; }

    /// <summary>
    /// The document of <paramref name="stage"/> for this batch: the imported file itself for its own stage,
    /// else <c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c> of the workspace.
    /// </summary>
    public T Document<T>(string stage) where T : class
    {
        if (_documents.TryGetValue(stage, out var known)) return (T)known;
        string path, json;
        if (stage == Stage)
        {
            path = StageFile;
            json = _json;
        }
        else
        {
            path = Layout.StageJsonPath(stage, BatchId);
            if (!File.Exists(path))
            {
                throw new PhotoInputException(PhotoErrorIds.EarlierStageMissing, PhotoProblem.NotFound, StageFile,
                    $"'{StageFile}' is a {Stage} record; rebuilding its photos needs the {stage} record of batch '{BatchId}', but '{path}' does not exist. Run that stage for the batch in workspace '{Layout.Root}' (or pass -Workspace).");
            }
            json = StageImporter.ReadText(path);
        }
        var document = Parse<T>(path, json);
        _documents[stage] = document;
        return document;
    }

    private static T Parse<T>(string path, string json) where T : class
    {
        try
        {
            return StageJson.Deserialize<T>(json) ?? throw new JsonException("the document is null");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PhotoInputException(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, path,
                $"'{path}' is not a valid stage record: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The photos of this batch rebuilt through <paramref name="throughStage"/> (ingest, preprocess,
    /// features or scoring): the ones listed in that stage's document, in ingest order, duplicates included.
    /// </summary>
    public IEnumerable<Photo> Photos(string throughStage) => new PhotoRebuilder(this).Photos(throughStage);
}
