using System.Text.Json;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// The reader of a per-photo stage: its part of a rebuilt <see cref="Photo"/> (<see cref="Open"/>, used by
/// <see cref="PhotoRebuilder"/> for this stage and every later one), and, imported on its own, the batch's
/// photos rebuilt through it.
/// </summary>
public abstract class PhotoStageReader : IStageReader
{
    protected PhotoStageReader(StageDescriptor stage) => Stage = stage;

    public StageDescriptor Stage { get; }

    public IEnumerable<object> Read(StageImportContext context) => context.Photos(Stage.Name);

    /// <summary>The stage's records of the context's batch, in document order, each able to attach itself to a photo.</summary>
    public abstract PhotoStageRecords Open(StageImportContext context);
}

/// <summary>
/// A per-photo stage reader over its document type, whose per-photo records are the array
/// <see cref="RecordsProperty"/>: the records stream from the file one at a time
/// (docs/architecture.md#archive-scale); a reader that needs the document's other fields reads them with
/// <see cref="Head"/>.
/// </summary>
public abstract class PhotoStageReader<TDocument, TRecord> : PhotoStageReader where TDocument : StageDocument where TRecord : class
{
    protected PhotoStageReader(StageDescriptor stage, string recordsProperty) : base(stage) =>
        RecordsProperty = JsonNamingPolicy.SnakeCaseLower.ConvertName(recordsProperty);

    /// <summary>JSON name of the document's per-photo array.</summary>
    public string RecordsProperty { get; }

    /// <summary>The document without its records: the fields the records are read with.</summary>
    protected TDocument Head(StageImportContext context) => context.Head<TDocument>(Stage.Name, RecordsProperty);

    /// <summary>The records, streamed.</summary>
    protected IEnumerable<TRecord?> Records(StageImportContext context) => context.Records<TRecord>(Stage.Name, RecordsProperty);
}
