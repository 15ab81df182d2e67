namespace PhotoCuration.Engine.Workspace;

/// <summary>The one writer of stage documents: to <c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c>, atomically, deterministically (<see cref="StageJson"/>).</summary>
public static class StageDocumentWriter
{
    /// <summary>Writes the document where its stage and batch say; returns the path.</summary>
    public static string Write(WorkspaceLayout layout, StageDocument document) => Write(layout, document, StageCatalog.Get(document.Stage));

    /// <summary>Writes the document of <paramref name="stage"/> (the record's own descriptor) where its batch says; returns the path.</summary>
    public static string Write(WorkspaceLayout layout, StageDocument document, StageDescriptor stage)
    {
        // Main file, or a named run's (an exploration never silently rewrites an exported batch: StageRuns).
        var path = StageRuns.WritePath(layout, stage, document.BatchId, document.IdempotencyKey);
        StageJson.Write(path, document, document.GetType());
        return path;
    }
}
