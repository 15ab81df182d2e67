namespace PhotoCuration.Engine.Readers;

/// <summary>Reader of a per-photo stage (ingest, preprocess, features, scoring): emits the batch's photos rebuilt through it.</summary>
public sealed class PhotoStageReader : IStageReader
{
    public PhotoStageReader(string stage) => Stage = stage;

    public string Stage { get; }

    public IEnumerable<object> Read(StageImportContext context) => context.Photos(Stage);
}
