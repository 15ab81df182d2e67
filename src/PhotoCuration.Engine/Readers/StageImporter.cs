using System.Collections.Concurrent;
using System.Text.Json;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Import-PhotoStage's engine: reads a stage JSON, finds its stage from the document's <c>stage</c> field
/// (else the folder it sits in under intermediateJsons/), and hands it to the reader the stage's
/// descriptor in <see cref="StageCatalog"/> names. A new stage needs no edit here: its descriptor line
/// names its document type and reader.
/// </summary>
public static class StageImporter
{
    /// <summary>One reader instance per stage, made from its descriptor on first use.</summary>
    private static readonly ConcurrentDictionary<StageDescriptor, IStageReader> Readers = new();

    /// <summary>Stages that can be imported, in pipeline order: every stage of the catalogue.</summary>
    public static IReadOnlyList<string> Stages => StageCatalog.All.Select(s => s.Name).ToList();

    /// <summary>The reader the stage's descriptor names.</summary>
    public static IStageReader ReaderOf(StageDescriptor stage) => Readers.GetOrAdd(stage, s =>
        Activator.CreateInstance(s.Reader) as IStageReader
        ?? throw new InvalidOperationException($"The reader of stage '{s.Name}', {s.Reader.Name}, is not an {nameof(IStageReader)}."));

    /// <summary>The reader of a per-photo stage, which a rebuilt photo is joined through.</summary>
    public static PhotoStageReader PhotoReaderOf(StageDescriptor stage) =>
        ReaderOf(stage) as PhotoStageReader
        ?? throw new InvalidOperationException($"Stage '{stage.Name}' is per-photo, but its reader {stage.Reader.Name} is not a {nameof(PhotoStageReader)}.");

    /// <summary>
    /// The workspace a stage file belongs to: the folder holding <c>intermediateJsons/&lt;stage&gt;/</c>, or
    /// <paramref name="fallback"/> when the file is elsewhere.
    /// </summary>
    public static string WorkspaceOf(string stageFile, string fallback)
    {
        var stageDir = Path.GetDirectoryName(Path.GetFullPath(stageFile));
        var jsonDir = stageDir is null ? null : Path.GetDirectoryName(stageDir);
        // A named run's file: intermediateJsons/runs/<run>/<stage>/<batch_id>.json (StageRuns).
        if (jsonDir is not null && Path.GetFileName(Path.GetDirectoryName(jsonDir)) == "runs") jsonDir = Path.GetDirectoryName(Path.GetDirectoryName(jsonDir));
        return jsonDir is not null && Path.GetFileName(jsonDir) == "intermediateJsons" && Path.GetDirectoryName(jsonDir) is { } root
            ? root
            : fallback;
    }

    /// <summary>
    /// The objects of one stage file, lazily. Throws <see cref="PhotoInputException"/> (target: the file)
    /// when the file is missing or malformed, its stage is unknown, or an earlier stage file is missing.
    /// </summary>
    /// <param name="library">-Library roots of the step, for library-relative originals; null: the batch's recorded ones.</param>
    public static IEnumerable<object> Import(string stageFile, string workspace, bool includeDropped,
        Action<PhotoInputException> problem, Action<string> warning, Distributed.LibraryRoots? library = null)
    {
        var (context, descriptor) = Open(stageFile, workspace, includeDropped, problem, warning, library);
        var run = StageRuns.RunOf(context.Layout, context.StageFile);
        var reader = ReaderOf(descriptor);
        return run is null ? reader.Read(context) : reader.Read(context).Select(o => InRun(o, run));
    }

    /// <summary>
    /// What a per-photo stage file's photos are rebuilt from, for a caller that rebuilds them part by part
    /// (<see cref="StageImportContext.Photos(string, RebuildPart)"/>, docs/architecture.md#archive-scale):
    /// the same checks as <see cref="Import"/>.
    /// </summary>
    public static StageImportContext PerPhotoContext(string stageFile, string workspace, bool includeDropped,
        Action<PhotoInputException> problem, Action<string> warning, Distributed.LibraryRoots? library = null)
    {
        var (context, descriptor) = Open(stageFile, workspace, includeDropped, problem, warning, library);
        if (descriptor.Kind != StageKind.PerPhoto)
            throw new PhotoInputException(PhotoErrorIds.UnknownStage, PhotoProblem.Unsupported, context.StageFile, $"'{context.StageFile}' is a '{descriptor.Name}' record, not a per-photo stage's.");
        return context;
    }

    private static (StageImportContext Context, StageDescriptor Descriptor) Open(string stageFile, string workspace, bool includeDropped,
        Action<PhotoInputException> problem, Action<string> warning, Distributed.LibraryRoots? library)
    {
        var path = Path.GetFullPath(stageFile);
        if (!File.Exists(path))
        {
            throw new PhotoInputException(PhotoErrorIds.StageFileNotFound, PhotoProblem.NotFound, path, $"Stage file '{path}' does not exist.");
        }
        var (stage, batchId) = Identify(path);
        if (StageCatalog.Find(stage) is not { } descriptor)
        {
            throw new PhotoInputException(PhotoErrorIds.UnknownStage, PhotoProblem.Unsupported, path,
                $"'{path}' is a '{stage}' record; Import-PhotoStage rebuilds {string.Join(", ", Stages)}.");
        }
        var layout = new WorkspaceLayout(workspace);
        return (new StageImportContext(path, stage, batchId, layout, includeDropped, problem, warning, library), descriptor);
    }

    /// <summary>Objects rebuilt from a named run's file carry the run on, so the next stage writes into it too.</summary>
    private static object InRun(object item, string run)
    {
        switch (item)
        {
            case Photo photo: photo.RunName = run; break;
            case PhotoMoment moment:
                moment.RunName = run;
                foreach (var member in moment.Members) member.RunName = run;
                break;
            case CuratedSet set: set.RunName = run; break;
        }
        return item;
    }

    /// <summary>
    /// The document's stage and batch id, checked before any reader runs: the whole file is read once as
    /// a stream to prove it is JSON (docs/architecture.md#archive-scale), never held as text or a DOM.
    /// </summary>
    private static (string Stage, string BatchId) Identify(string path)
    {
        StageJsonStream.Identity identity;
        try
        {
            identity = StageJsonStream.Identify(path);
        }
        catch (JsonException ex)
        {
            throw Malformed(path, $"it is not JSON ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, ex is UnauthorizedAccessException ? PhotoProblem.AccessDenied : PhotoProblem.Unreadable, path,
                $"Stage file '{path}' cannot be read: {ex.Message}", ex);
        }
        if (!identity.IsObject) throw Malformed(path, "it is not a JSON object");
        var folder = Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
        var stage = identity.Stage
            ?? (StageCatalog.Find(folder) is not null ? folder
            : throw new PhotoInputException(PhotoErrorIds.UnknownStage, PhotoProblem.Unsupported, path,
                $"'{path}' names no stage (no \"stage\" field, and it is not under intermediateJsons/<stage>/); Import-PhotoStage rebuilds {string.Join(", ", Stages)}."));
        if (identity.BatchId is null) throw Malformed(path, "it has no \"batch_id\" string");
        try
        {
            return (stage, BatchIds.Validate(identity.BatchId));
        }
        catch (ArgumentException ex)
        {
            throw Malformed(path, ex.Message, ex);
        }
    }

    private static PhotoInputException Malformed(string path, string why, Exception? inner = null) =>
        new(PhotoErrorIds.MalformedStageJson, PhotoProblem.InvalidData, path, $"'{path}' is not a valid stage record: {why}.", inner);
}
