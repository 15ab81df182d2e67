namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds the typed objects of one stage from its stage JSON. Register one per stage name in
/// <see cref="StageImporter"/>: the per-photo stages emit <see cref="Photo"/>; an aggregating stage emits
/// its own type (clustering → PhotoMoment, optimizer → CuratedSet) and can start from
/// <see cref="StageImportContext.Photos"/> to get the scored photos its document refers to by id.
/// </summary>
public interface IStageReader
{
    /// <summary>The document's <c>stage</c> value (and folder under intermediateJsons/) this reader handles.</summary>
    string Stage { get; }

    /// <summary>Yields the objects lazily; per-photo problems go to <see cref="StageImportContext.Problem"/> and the reading goes on.</summary>
    IEnumerable<object> Read(StageImportContext context);
}
