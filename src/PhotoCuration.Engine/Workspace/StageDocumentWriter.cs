namespace PhotoCuration.Engine.Workspace;

/// <summary>The one writer of stage documents: to <c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c>, atomically, deterministically (<see cref="StageJson"/>).</summary>
public static class StageDocumentWriter
{
    /// <summary>Writes the document where its stage and batch say; returns the path.</summary>
    public static string Write(WorkspaceLayout layout, StageDocument document)
    {
        var path = layout.StageJsonPath(StageCatalog.Get(document.Stage), document.BatchId);
        StageJson.Write(path, document, document.GetType());
        return path;
    }
}
