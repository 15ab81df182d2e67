namespace PhotoCuration.Engine.Core;

/// <summary>The two shapes a stage comes in.</summary>
public enum StageKind
{
    /// <summary>Works on one photo at a time, on parallel workers, cached per photo (ingest, preprocess, features, scoring).</summary>
    PerPhoto,
    /// <summary>Works on a whole batch at once and writes one document for it (clustering, ranking, optimizer, exporter).</summary>
    Batch,
}
