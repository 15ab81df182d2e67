using System.Globalization;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// The models of one pipeline run (one Get-PhotoFeatures invocation): the first usable CLIP model and
/// aesthetic head in search order, their sessions created once on the chosen execution provider and
/// shared by every worker, the image batcher, and the text-embedding cache; and the first BRISQUE
/// files, which need no CLIP model. Without any model it is not created at all and every model field
/// stays null.
/// </summary>
public sealed class ModelPipeline : IDisposable
{
    /// <summary>Default batch for models with a dynamic batch dimension.</summary>
    public const int DefaultBatch = 16;

    // Bumped when BRISQUE's computation changes, so cached features recompute (docs/algorithms.md#brisque).
    private const string BrisqueVersion = "brisque-opencv-2";

    private ModelPipeline(ClipModel? clip, AestheticHead? aesthetic, BrisqueModel? brisque, int batch, int workers)
    {
        Clip = clip;
        Aesthetic = aesthetic;
        Brisque = brisque;
        if (clip is not null)
        {
            // Prefetch: room for every worker's tensor plus one batch in flight, so workers never idle the model.
            Batcher = new InferenceBatcher(clip.Image.Encode, Math.Min(batch, clip.Image.MaxBatch), Math.Max(workers, clip.Image.MaxBatch) + workers);
            Text = clip.Text is null ? null : new TextEmbeddingCache(clip);
        }
        var clipId = clip is null
            ? new[] { "no-clip" }
            : new[] { clip.Name, clip.Dim.ToString(CultureInfo.InvariantCulture), clip.Preprocess.Size.ToString(CultureInfo.InvariantCulture),
                Length(clip.Folder.VisualPath), Length(clip.Folder.TextualPath) };
        Id = Hashing.Of(new[] { "models-1" }.Concat(clipId).Concat(new[] { aesthetic?.Name ?? "", aesthetic is null ? "" : Length(aesthetic.Path),
            brisque is null ? "" : $"{BrisqueVersion}:{Length(brisque.ModelPath)}" }).ToArray());
    }

    /// <summary>The CLIP model, or null when only BRISQUE was found.</summary>
    public ClipModel? Clip { get; }
    public AestheticHead? Aesthetic { get; }
    public BrisqueModel? Brisque { get; }
    public InferenceBatcher? Batcher { get; }
    public TextEmbeddingCache? Text { get; }
    public ClipPreprocessor? Preprocessor => Clip is null ? null : new(Clip.Preprocess);
    /// <summary>Identity of the models for cache keys: a different model means recomputation.</summary>
    public string Id { get; }
    public ExecutionProviderChoice? Provider => Clip?.Provider;

    /// <summary>
    /// Loads the first CLIP model of the catalog (and the first aesthetic head) and the first BRISQUE
    /// files. Returns null when there is neither a CLIP model nor BRISQUE. An aesthetic head without a
    /// CLIP model is skipped with a warning (it scores CLIP embeddings). A broken model throws
    /// <see cref="ModelValidationException"/>.
    /// </summary>
    /// <param name="cores">The cores the run may use (a worker's -Concurrency); null: every processor (<see cref="ExecutionProviderChoice.Select(ModelDevice, int, int?)"/>).</param>
    public static ModelPipeline? Create(ModelCatalog catalog, ModelDevice device, int workers, Action<string> warn, int batch = DefaultBatch, int? cores = null)
    {
        if (catalog.Clip.Count == 0 && catalog.Brisque.Count == 0) return null;
        if (catalog.Clip.Count == 0)
        {
            if (catalog.Aesthetic.Count > 0) warn($"'{catalog.Aesthetic[0].Path}' scores CLIP embeddings, but no CLIP model was found: no aesthetic score.");
            return new ModelPipeline(null, null, BrisqueModel.Load(catalog.Brisque[0].Path), batch, workers);
        }
        var provider = ExecutionProviderChoice.Select(device, workers, cores);
        if (provider.Warning is not null) warn(provider.Warning);
        var clip = new ClipModel(ClipModelFolder.Open(catalog.Clip[0].Path), provider, batch, warn);
        AestheticHead? aesthetic = null;
        BrisqueModel? brisque = null;
        try
        {
            if (catalog.Aesthetic.Count > 0)
            {
                using var options = provider.CreateOptions(warn);
                aesthetic = new AestheticHead(catalog.Aesthetic[0].Path, options, clip.Dim);
            }
            if (catalog.Brisque.Count > 0) brisque = BrisqueModel.Load(catalog.Brisque[0].Path);
            if (clip.Text is null) warn($"'{clip.Folder.Root}' has no text encoder (textual/model.onnx): embeddings and the aesthetic head only; no labels, CLIP-IQA or mood.");
            return new ModelPipeline(clip, aesthetic, brisque, batch, workers);
        }
        catch
        {
            aesthetic?.Dispose();
            clip.Dispose();
            throw;
        }
    }

    private static string Length(string path) => File.Exists(path) ? new FileInfo(path).Length.ToString(CultureInfo.InvariantCulture) : "-";

    public void Dispose()
    {
        Batcher?.Dispose();
        Aesthetic?.Dispose();
        Clip?.Dispose();
    }
}
