namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds the typed objects of one stage from its stage JSON. Each stage's descriptor in
/// <see cref="StageCatalog"/> names its reader (a parameterless class), which <see cref="StageImporter"/>
/// dispatches to: the per-photo stages emit <see cref="Photo"/> (<see cref="PhotoStageReader"/>); a batch
/// stage emits its own type (clustering and ranking → PhotoMoment, optimizer and exporter → CuratedSet)
/// and can start from <see cref="StageImportContext.Photos"/> to get the scored photos its document
/// refers to by id.
/// </summary>
public interface IStageReader
{
    /// <summary>Yields the objects lazily; per-photo problems go to <see cref="StageImportContext.Problem"/> and the reading goes on.</summary>
    IEnumerable<object> Read(StageImportContext context);
}
