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

    /// <summary>The stage's records of the context's batch, by photo id, each able to attach itself to a photo.</summary>
    public abstract PhotoStageRecords Open(StageImportContext context);
}

/// <summary>A per-photo stage reader over its document type: the document is read once, then mapped.</summary>
public abstract class PhotoStageReader<TDocument> : PhotoStageReader where TDocument : StageDocument
{
    protected PhotoStageReader(StageDescriptor stage) : base(stage) { }

    public sealed override PhotoStageRecords Open(StageImportContext context) => Open(context, context.Document<TDocument>(Stage.Name));

    /// <summary>The document's records, each with what it sets on a photo.</summary>
    protected abstract PhotoStageRecords Open(StageImportContext context, TDocument document);
}

