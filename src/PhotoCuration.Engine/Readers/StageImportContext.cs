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

    public StageImportContext(string stageFile, string stage, string batchId, WorkspaceLayout layout,
        bool includeDropped, Action<PhotoInputException> problem, Action<string> warning, Distributed.LibraryRoots? library = null)
    {
        Library = LibraryManifest.For(layout, batchId, library);
        StageFile = stageFile;
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
    /// <summary>The roots library-relative originals resolve through: those given to the step (-Library), else the batch's recorded ones (<see cref="LibraryManifest"/>).</summary>
    public Distributed.LibraryRoots Library { get; }
    /// <summary>Emit photos the technical gate dropped (scoring and later stages).</summary>
    public bool IncludeDropped { get; }
    /// <summary>Reports one bad photo of the document; the import goes on.</summary>
    public Action<PhotoInputException> Problem { get; }
    public Action<string> Warning { get; }

    /// <summary>
    /// The document of <paramref name="stage"/> for this batch: the imported file itself for its own stage,
    /// else <c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c> of the workspace; read from the file as a
    /// stream, once.
    /// </summary>
    public T Document<T>(string stage) where T : class
    {
        if (_documents.TryGetValue(stage, out var known)) return (T)known;
        var path = PathOf(stage);
        var document = Parse(path, () => StageJsonStream.Read<T>(path) ?? throw new JsonException("the document is null"));
        _documents[stage] = document;
        return document;
    }

    /// <summary>The document of <paramref name="stage"/> without its per-photo array <paramref name="records"/> (a JSON name): the fields its records are read with.</summary>
    public T Head<T>(string stage, string records) where T : class
    {
        var key = stage + "#head";
        if (_documents.TryGetValue(key, out var known)) return (T)known;
        var path = PathOf(stage);
        var head = Parse(path, () => StageJsonStream.Head<T>(path, records) ?? throw new JsonException("the document is null"));
        _documents[key] = head;
        return head;
    }

    /// <summary>
    /// The per-photo records of <paramref name="stage"/> (the array <paramref name="records"/>, a JSON name),
    /// streamed from the file one at a time on each enumeration (docs/architecture.md#archive-scale).
    /// </summary>
    public IEnumerable<TRecord?> Records<TRecord>(string stage, string records) where TRecord : class =>
        // The path now, so a missing earlier stage is reported when the stage is opened, in stage order.
        StreamRecords<TRecord>(PathOf(stage), records);

    /// <summary>
    /// While set, the records read are only those of the photo ids it takes (a part of a large batch being
    /// rebuilt: <see cref="PhotoRebuilder"/>); the others are passed by without being deserialized.
    /// </summary>
    internal Func<string, bool>? RecordFilter { get; set; }

    private IEnumerable<TRecord?> StreamRecords<TRecord>(string path, string records) where TRecord : class
    {
        var filter = RecordFilter;
        Func<string?, bool>? keep = filter is null ? null : id => id is null || filter(id);
        using var each = Parse(path, () => StageJsonStream.Records<TRecord>(path, records, keep).GetEnumerator());
        while (Parse(path, each.MoveNext)) yield return each.Current;
    }

    /// <summary>Where the document of <paramref name="stage"/> is; a missing earlier stage is a <see cref="PhotoInputException"/>.</summary>
    private string PathOf(string stage)
    {
        if (stage == Stage) return StageFile;
        var path = Layout.StageJsonPath(stage, BatchId);
        // A run's file builds on the same run's earlier records where it has them, else on the main ones.
        if (StageRuns.RunOf(Layout, StageFile) is { } run && StageRuns.StageJsonPath(Layout, StageCatalog.Get(stage), BatchId, run) is var inRun && File.Exists(inRun)) path = inRun;
        if (!File.Exists(path))
        {
            throw new PhotoInputException(PhotoErrorIds.EarlierStageMissing, PhotoProblem.NotFound, StageFile,
                $"'{StageFile}' is a {Stage} record; rebuilding its photos needs the {stage} record of batch '{BatchId}', but '{path}' does not exist. Run that stage for the batch in workspace '{Layout.Root}' (or pass -Workspace).");
        }
        return path;
    }

    private static T Parse<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PhotoInputException(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, path,
                $"'{path}' is not a valid stage record: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, ex is UnauthorizedAccessException ? PhotoProblem.AccessDenied : PhotoProblem.Unreadable, path,
                $"Stage file '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The photos of this batch rebuilt through <paramref name="throughStage"/> (ingest, preprocess,
    /// features or scoring): the ones listed in that stage's document, in ingest order, duplicates included.
    /// </summary>
    public IEnumerable<Photo> Photos(string throughStage) => new PhotoRebuilder(this).Photos(throughStage);

    /// <summary>The photos of <paramref name="part"/> only, each with its place among ingest's entries (<see cref="RebuildPart"/>).</summary>
    public IEnumerable<(int Position, Photo Photo)> Photos(string throughStage, RebuildPart part) => new PhotoRebuilder(this).Photos(throughStage, part);
}
