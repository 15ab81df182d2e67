namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// The folder layout of a workspace (docs/architecture.md#workspace-and-cache). Every path a stage writes is derived here, so the
/// layout is defined once.
/// </summary>
public sealed class WorkspaceLayout
{
    public WorkspaceLayout(string root)
    {
        Root = System.IO.Path.GetFullPath(root);
    }

    public string Root { get; }

    public string DataDir => Combine("data");
    /// <summary>Standardized images (long edge 1024).</summary>
    public string StandardizedDir => Combine("data", "input");
    /// <summary>Ranking images (long edge ≤ 2048).</summary>
    public string RankingDir => Combine("data", "rankingInput");
    public string EmbeddingDir => Combine("data", "emb");
    public string SaliencyDir => Combine("data", "sal");
    public string FeaturesDir => Combine("data", "features");
    public string ThemesDir => Combine("data", "themes");
    public string CacheDir => Combine("data", "cache");
    public string OutputDir => Combine("data", "output");
    public string StageJsonDir => Combine("intermediateJsons");

    /// <summary>Path of a stage's JSON for a batch: <c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c>.</summary>
    public string StageJsonPath(StageDescriptor stage, string batchId) =>
        Combine("intermediateJsons", stage.Name, BatchIds.Validate(batchId) + ".json");

    /// <summary>The same, by stage name (one of <see cref="StageCatalog.All"/>; another name is an <see cref="ArgumentException"/>).</summary>
    public string StageJsonPath(string stage, string batchId) => StageJsonPath(StageCatalog.Get(stage), batchId);

    /// <summary>
    /// Path of a derived file of a photo (a ranking or standardized JPEG, a saliency map, an embedding) in
    /// one of the derived folders above: in the subfolder named by the first two hex digits of the photo id,
    /// so an archive of 1M photos puts ~4,000 files in each of 256 folders instead of 1M in one, which a NAS
    /// lists in minutes (docs/architecture.md#workspace-and-cache). Files of the older flat layout stay
    /// valid: a cache entry records the path its file was written at.
    /// </summary>
    public static string DerivedPath(string folder, string originalPath, string photoId, string suffix) =>
        System.IO.Path.Combine(folder, Hashing.ShortHex(photoId, 2), DerivedFileName.For(originalPath, photoId, suffix));

    /// <summary>Folder of one stage's cache entries.</summary>
    public string StageCacheDir(string stage) => Combine("data", "cache", stage);

    private string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());
}
