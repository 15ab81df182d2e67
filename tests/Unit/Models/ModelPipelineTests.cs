using System.Globalization;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Models;

/// <summary>The features stage with Immich-shaped stand-in models in real ONNX Runtime sessions.</summary>
public sealed class ModelPipelineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private ModelPipeline Pipeline(ImmichModelFactory.Options options, bool aesthetic = true, int workers = 2)
    {
        var root = Directory.CreateDirectory(_temp.File("models")).FullName;
        // Written once: the text cache is keyed by the encoder file's size and time.
        if (!Directory.Exists(Path.Combine(root, "ViT-Test__openai"))) ImmichModelFactory.WriteClipFolder(root, "ViT-Test__openai", options);
        if (aesthetic) ImmichModelFactory.WriteAestheticHead(Path.Combine(root, "aesthetic", "head.onnx"), options.Dim);
        return ModelPipeline.Create(new ModelCatalog(ModelSearchPath.Roots(root, null, "")), ModelDevice.Cpu, workers, _ => { })!;
    }

    private Photo Preprocessed(WorkspaceLayout layout, int seed)
    {
        var photo = TestImages.Inspect(TestImages.WriteJpeg(_temp.File($"in/p{seed}.jpg"), 480, 320, seed));
        photo.Preprocess = new Preprocessor(layout, new PreprocessOptions()).Process(photo);
        return photo;
    }

    [Fact]
    public void Brisque_alone_without_clip_is_computed_and_the_clip_fields_stay_null()
    {
        var root = Directory.CreateDirectory(_temp.File("brisque-only")).FullName;
        var modelPath = BrisqueTests.WriteSmallModel(Path.Combine(root, "brisque"));
        var warnings = new List<string>();
        using var models = ModelPipeline.Create(new ModelCatalog(ModelSearchPath.Roots(root, null, "")), ModelDevice.Cpu, 2, warnings.Add);
        Assert.NotNull(models);
        Assert.Null(models!.Clip);
        Assert.Empty(warnings);
        var layout = new WorkspaceLayout(_temp.File("ws-brisque"));
        var stage = new FeatureStage(layout, new ModelFeatures(models, layout, Array.Empty<string>()));
        var photo = Preprocessed(layout, 3);
        var f = stage.Process(photo);

        var expected = Math.Round(BrisqueModel.Load(modelPath).Score(photo.Preprocess!.StandardizedPath), 6);
        Assert.Equal(expected, f.Brisque);
        Assert.InRange(f.Brisque!.Value, 0, 100);
        Assert.Null(f.EmbeddingPath);
        Assert.Null(f.ClipLabels);
        Assert.Null(f.ClipIqa);
        Assert.Null(f.AestheticModel);
        Assert.False(Directory.Exists(layout.EmbeddingDir) && Directory.EnumerateFiles(layout.EmbeddingDir, "*", SearchOption.AllDirectories).Any());
        // Cached on a second run with the same models, recomputed with none.
        Assert.True(stage.Process(photo).FromCache);
        Assert.Null(new FeatureStage(layout).Process(photo).Brisque);
    }

    [Fact]
    public void Features_get_embedding_labels_iqa_mood_and_aesthetic_and_the_stage_json_records_them()
    {
        using var models = Pipeline(new ImmichModelFactory.Options());
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var stage = new FeatureStage(layout, new ModelFeatures(models, layout, new[] { "warm golden light", "quiet" }));
        var photo = Preprocessed(layout, 1);
        var f = stage.Process(photo);

        Assert.NotNull(f.EmbeddingPath);
        Assert.StartsWith(layout.EmbeddingDir, f.EmbeddingPath);
        var (vector, meta) = EmbeddingSidecar.Load(f.EmbeddingPath!);
        Assert.Equal(16, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 5);
        Assert.Equal(("ViT-Test__openai", "clip_pooled_l2"), (meta.ModelName, meta.Pooling));
        Assert.Equal("ViT-Test__openai", f.EmbeddingModel);
        Assert.Equal(3, f.ClipLabels!.Length);
        Assert.True(f.ClipLabels[0].Confidence >= f.ClipLabels[1].Confidence && f.ClipLabels[1].Confidence >= f.ClipLabels[2].Confidence);
        Assert.All(f.ClipLabels, l => Assert.Contains(PhotographyLabels.All, x => x.Text == l.Label));
        Assert.Contains(f.SceneType, PhotographyLabels.All.Select(l => l.SceneType));
        Assert.Contains(f.PeopleCount, new[] { "none", "one", "two", "group", "crowd" });
        Assert.InRange(f.ClipIqa!.Value, 0, 1);
        Assert.InRange(f.MoodSimilarity!.Value, -1, 1);
        Assert.NotNull(f.AestheticModel);
        Assert.Null(f.Brisque); // no BRISQUE files

        // The same image through the encoder directly gives the same vector (batcher returns the right row).
        var direct = models.Clip!.Image.Encode(new[] { models.Preprocessor!.Load(photo.Preprocess!.StandardizedPath) })[0];
        Assert.Equal(direct, vector);

        var batch = new FeaturesBatch("b1", layout);
        photo.Features = f;
        batch.Add(photo);
        var json = File.ReadAllText(batch.WriteStageJson());
        Assert.Contains("\"embedding\": {", json);
        Assert.Contains("\"scene_type\": \"", json);
        Assert.Contains("\"mood_similarity\": " + f.MoodSimilarity.Value.ToString(CultureInfo.InvariantCulture), json);
    }

    [Fact]
    public void Cached_rerun_reuses_features_embedding_and_text_embeddings()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        PhotoFeatures first;
        Photo photo;
        using (var models = Pipeline(new ImmichModelFactory.Options()))
        {
            photo = Preprocessed(layout, 2);
            first = new FeatureStage(layout, new ModelFeatures(models, layout, Array.Empty<string>())).Process(photo);
            Assert.Equal(2, models.Text!.EncoderRuns); // labels and CLIP-IQA prompts; no mood
            Assert.Null(first.MoodSimilarity);
        }
        using (var models = Pipeline(new ImmichModelFactory.Options()))
        {
            var again = new FeatureStage(layout, new ModelFeatures(models, layout, Array.Empty<string>())).Process(photo);
            Assert.True(again.FromCache);
            Assert.Equal(first.EmbeddingPath, again.EmbeddingPath);
            Assert.Equal(first.ClipIqa, again.ClipIqa);
            // A fresh photo in a new pipeline: text embeddings come from data/emb/text, the encoder does not run.
            new FeatureStage(layout, new ModelFeatures(models, layout, Array.Empty<string>())).Process(Preprocessed(layout, 3));
            Assert.Equal(0, models.Text!.EncoderRuns);
        }
        // Without models the cache key differs: model-free features, model fields null.
        var plain = new FeatureStage(layout).Process(photo);
        Assert.False(plain.FromCache);
        Assert.Null(plain.EmbeddingPath);
        Assert.Null(plain.ClipLabels);
        Assert.Null(plain.SceneType);
    }

    [Fact]
    public void Dynamic_batch_models_are_run_in_batches_from_the_prefetch_queue()
    {
        using var models = Pipeline(new ImmichModelFactory.Options { FixedBatch = false }, aesthetic: false, workers: 8);
        Assert.Equal(ModelPipeline.DefaultBatch, models.Clip!.Image.MaxBatch);
        var tensors = Enumerable.Range(0, 24).Select(i =>
        {
            var t = new float[3 * 224 * 224];
            new Random(i).NextBytes(new byte[1]);
            for (var j = 0; j < t.Length; j += 97) t[j] = i * 0.1f + j % 7;
            return t;
        }).ToArray();
        var expected = models.Clip!.Image.Encode(tensors);
        var results = new float[tensors.Length][];
        Parallel.For(0, tensors.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = models.Batcher!.Run(tensors[i]));
        for (var i = 0; i < tensors.Length; i++)
        {
            for (var d = 0; d < expected[i].Length; d++) Assert.Equal(expected[i][d], results[i][d], 5);
        }
        var (batches, items) = models.Batcher!.Counts;
        Assert.Equal(24, items);
        Assert.True(batches < 24, $"{batches} batches for 24 items: nothing was batched");
    }

    [Fact]
    public void Same_photo_and_models_give_byte_identical_features_json_and_embedding_in_two_workspaces()
    {
        using var models = Pipeline(new ImmichModelFactory.Options());
        var texts = new List<string>();
        var vectors = new List<byte[]>();
        foreach (var name in new[] { "wsA", "wsB" })
        {
            var layout = new WorkspaceLayout(_temp.File(name));
            var photo = Preprocessed(layout, 5);
            photo.Features = new FeatureStage(layout, new ModelFeatures(models, layout, new[] { "quiet" })).Process(photo);
            var batch = new FeaturesBatch("b", layout);
            batch.Add(photo);
            texts.Add(File.ReadAllText(batch.WriteStageJson()));
            vectors.Add(File.ReadAllBytes(photo.Features.EmbeddingPath!));
        }
        Assert.Equal(texts[0], texts[1]);
        Assert.Equal(vectors[0], vectors[1]);
    }

    [Fact]
    public void Inference_errors_reach_the_waiting_worker()
    {
        using var batcher = new InferenceBatcher(_ => throw new InvalidOperationException("boom"), 4, 4);
        Assert.Equal("boom", Assert.Throws<InvalidOperationException>(() => batcher.Run(new float[1])).Message);
    }

    [Fact]
    public void No_models_found_means_no_pipeline()
    {
        Assert.Null(ModelPipeline.Create(new ModelCatalog(ModelSearchPath.Roots(_temp.Path, null, "")), ModelDevice.Auto, 2, _ => { }));
    }

    public void Dispose() => _temp.Dispose();
}
