using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// The model step of the features stage for one workspace and theme: embeds the standardized image
/// (saved as <c>data/emb/&lt;name&gt;_&lt;model&gt;.npy</c> + sidecar), then fills the model fields of
/// <see cref="PhotoFeatures"/>: zero-shot labels (top 3), scene type and people count, CLIP-IQA, mood
/// similarity to the theme, aesthetic head; and BRISQUE, with or without CLIP. A field whose model part
/// is missing stays null.
/// </summary>
public sealed class ModelFeatures
{
    public const int TopLabels = 3;

    private readonly ModelPipeline _models;
    private readonly WorkspaceLayout _layout;
    private readonly IReadOnlyList<string> _mood;
    private readonly ClipPreprocessor? _preprocessor;

    public ModelFeatures(ModelPipeline models, WorkspaceLayout layout, IReadOnlyList<string> mood)
    {
        _models = models;
        _layout = layout;
        _mood = mood;
        _preprocessor = models.Preprocessor;
        Id = Hashing.Of(new[] { models.Id, "mood" }.Concat(mood).ToArray());
    }

    /// <summary>Models and mood prompts: part of the features cache key.</summary>
    public string Id { get; }

    private string TextCacheDir => Path.Combine(_layout.EmbeddingDir, "text");

    /// <summary>
    /// Decodes and preprocesses the standardized image and queues it for the image encoder. Called
    /// before the model-free features so the model runs while the worker measures them. Without a CLIP
    /// model there is nothing to encode: the task holds null.
    /// </summary>
    public Task<float[]?> Begin(string standardizedPath, CancellationToken cancellation) =>
        _models.Batcher is { } batcher && _preprocessor is not null
            ? Embed(batcher, _preprocessor.Load(standardizedPath), cancellation)
            : Task.FromResult<float[]?>(null);

    private static async Task<float[]?> Embed(InferenceBatcher batcher, float[] tensor, CancellationToken cancellation) =>
        await batcher.Post(tensor, cancellation).ConfigureAwait(false);

    /// <summary>
    /// Waits for the embedding and fills the model fields of <paramref name="features"/> (EmbeddingPath is the full path).
    /// BRISQUE is measured on <paramref name="standardized"/>, the standardized image the model-free features were
    /// measured on (the decode of its file's bytes): the file is not read or decoded again.
    /// </summary>
    public void Complete(Task<float[]?> pending, Photo photo, PhotoFeatures features, Features.FeatureImage standardized, CancellationToken cancellation)
    {
        var embedding = pending.WaitAsync(cancellation).GetAwaiter().GetResult();
        if (embedding is not null && _models.Clip is { } clip) ApplyClip(embedding, clip, photo, features);
        if (_models.Brisque is { } brisque) features.Brisque = R(brisque.Score(standardized));
    }

    private void ApplyClip(float[] embedding, ClipModel clip, Photo photo, PhotoFeatures features)
    {
        var path = WorkspaceLayout.DerivedPath(_layout.EmbeddingDir, photo.DuplicateOf ?? photo.Path, photo.PhotoId, $"_{Safe(clip.Name)}.npy");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        EmbeddingSidecar.Save(path, embedding, clip.Name, ClipModel.Pooling);
        features.EmbeddingPath = path;
        features.EmbeddingModel = clip.Name;

        if (_models.Text is { } text)
        {
            var labels = PhotographyLabels.All;
            var classes = text.Classes(labels.Select(l => l.Text).ToList(), PhotographyLabels.Templates, TextCacheDir);
            var (cos, prob) = ZeroShotClassifier.Classify(embedding, classes);
            features.ClipLabels = ZeroShotClassifier.TopK(prob, TopLabels)
                .Select(i => new ClipLabel { Label = labels[i].Text, Confidence = R(prob[i]), CosineScore = R(cos[i]) }).ToArray();
            features.SceneType = labels[Best(prob, labels, l => l.SceneType is not null)].SceneType;
            // People count: a softmax over the five count prompts alone, so scene labels do not dilute it.
            var people = Enumerable.Range(0, labels.Count).Where(i => labels[i].PeopleCount is not null).ToArray();
            var peopleProb = ZeroShotClassifier.Softmax(people.Select(i => ZeroShotClassifier.LogitScale * cos[i]).ToArray());
            features.PeopleCount = labels[people[ZeroShotClassifier.TopK(peopleProb, 1)[0]]].PeopleCount;

            var iqa = text.Classes(ClipIqa.Prompts, new[] { "{0}" }, TextCacheDir);
            features.ClipIqa = R(ClipIqa.Score(embedding, iqa));
            if (_mood.Count > 0)
            {
                var mood = text.Classes(_mood, PhotographyLabels.MoodTemplates, TextCacheDir);
                features.MoodSimilarity = R(mood.Average(m => (double)OnnxSignature.Dot(embedding, m)));
            }
        }
        if (_models.Aesthetic is { } head) features.AestheticModel = R(head.Score(embedding));
    }

    /// <summary>Workspace-relative embedding path for the cache entry; returns the files the entry vouches for.</summary>
    public IEnumerable<string> ToStored(PhotoFeatures features)
    {
        if (features.EmbeddingPath is null) yield break;
        features.EmbeddingPath = WorkspacePaths.ToRelative(_layout, features.EmbeddingPath);
        yield return features.EmbeddingPath;
    }

    public void FromStored(PhotoFeatures features)
    {
        if (features.EmbeddingPath is not null) features.EmbeddingPath = WorkspacePaths.ToFull(_layout, features.EmbeddingPath);
    }

    private static int Best(double[] prob, IReadOnlyList<PhotographyLabels.Label> labels, Func<PhotographyLabels.Label, bool> include) =>
        Enumerable.Range(0, labels.Count).Where(i => include(labels[i])).OrderByDescending(i => prob[i]).ThenBy(i => i).First();

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));

    private static double R(double v) => Math.Round(v, 6);
}
