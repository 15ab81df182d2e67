using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Taste;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Taste;

/// <summary>
/// The taste over CLIP embeddings (docs/algorithms.md#taste-over-clip-embeddings) with a generated Immich-shaped
/// CLIP model in a real ONNX Runtime session (CLIP weights cannot be fetched here, so the embedding space is a
/// small seeded network's: 16 dimensions, no semantics). 24 real photographs of tests/Data/taste-sources.json,
/// each a moment of six frames that really differ (crop, white balance, contrast), measured by the real
/// preprocess and features stages with the model. A simulated photographer prefers frames along a hidden
/// direction u of that embedding space (z-scored within the moment, noise σ 0.5): a taste no measured property
/// names, so only the embedding part can learn it.
/// </summary>
public sealed class TasteEmbeddingTests : IDisposable
{
    private const int Sources = 24, MomentsPerShoot = 6;
    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;

    public TasteEmbeddingTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    [TastePhotosFact]
    public void PreferenceAlongAnEmbeddingDirectionIsLearnedAppliedAndWritten()
    {
        var root = Directory.CreateDirectory(_temp.File("models")).FullName;
        ImmichModelFactory.WriteClipFolder(root, "ViT-Test__openai", new ImmichModelFactory.Options());
        using var models = ModelPipeline.Create(new ModelCatalog(ModelSearchPath.Roots(root, null, "")), ModelDevice.Cpu, 2, _ => { })!;
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var folder = Directory.CreateDirectory(_temp.File("frames")).FullName;
        var sources = TasteSources.All().Take(Sources).ToList();
        var names = new List<string>();
        for (var s = 0; s < sources.Count; s++) names.AddRange(PropertyTasteFixture.WriteFrames(sources[s], folder, s).Select(f => f.Name));
        var preprocessor = new Preprocessor(layout, new PreprocessOptions());
        var stage = new FeatureStage(layout, new ModelFeatures(models, layout, Array.Empty<string>()));
        var frames = names.OrderBy(n => n, StringComparer.Ordinal).Select(n =>
        {
            var photo = TestImages.Inspect(Path.Combine(folder, n));
            photo.Workspace = layout.Root;
            photo.Preprocess = preprocessor.Process(photo);
            photo.Features = stage.Process(photo);
            return (Moment: n[..4], Name: n, Features: photo.Features!);
        }).ToList();
        Assert.All(frames, f => Assert.Equal("ViT-Test__openai", f.Features.EmbeddingModel));

        var random = new Random(31);
        var u = Enumerable.Range(0, 16).Select(_ => Gaussian(random)).ToArray();
        var norm = Math.Sqrt(u.Sum(x => x * x));
        u = u.Select(x => x / norm).ToArray();
        var moments = frames.GroupBy(f => f.Moment).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        List<TasteShoot> Rate(Func<PhotoFeatures, double> taste)
        {
            var shoots = new List<TasteShoot>();
            for (var s = 0; s * MomentsPerShoot < moments.Count; s++)
            {
                var photos = new List<TastePhoto>();
                foreach (var moment in moments.Skip(s * MomentsPerShoot).Take(MomentsPerShoot))
                {
                    var values = moment.Select(f => taste(f.Features)).ToList();
                    double mean = values.Average(), sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
                    var utility = values.Select(v => (sd > 0 ? (v - mean) / sd : 0) + 0.5 * Gaussian(random)).ToList();
                    int best = utility.IndexOf(utility.Max()), worst = utility.IndexOf(utility.Min());
                    photos.AddRange(moment.Select((f, i) => new TastePhoto(f.Name, f.Name, f.Moment, f.Features,
                        i == best ? TasteLabel.Pick : i == worst ? TasteLabel.Rated : TasteLabel.Unrated)));
                }
                shoots.Add(new TasteShoot($"shoot{s}", photos));
            }
            return shoots;
        }

        var baseTheme = ThemeLoader.BuiltIn();
        // A photographer with no preference is not learned, embedding or not.
        var coin = TasteEvaluation.Evaluate(Rate(_ => 0), baseTheme, seed: 19);
        _output.WriteLine("random: " + coin.Verdict);
        Assert.False(coin.Adopt, coin.Verdict);

        var shoots = Rate(f => TasteEmbeddings.Of(f)!.Select((x, i) => x * u[i]).Sum());
        var report = TasteEvaluation.Evaluate(shoots, baseTheme, seed: 19);
        var learned = TasteModel.Learn(shoots, baseTheme, "embedded").Theme;
        var e = learned.Taste!.Embedding;
        Assert.NotNull(e);
        var cosine = e!.Weight.Zip(u, (a, b) => a * b).Sum() / Math.Sqrt(e.Weight.Sum(x => x * x));
        _output.WriteLine(report.Verdict);
        _output.WriteLine($"cosine of the learned embedding weights with the hidden direction: {cosine:0.000}; scale {e.Scale}");
        Assert.True(report.Adopt, report.Verdict);
        Assert.True(cosine > 0.5, $"cosine {cosine:0.000}");

        // Written and read back with the embedding part; the scorecard applies it and says so.
        var back = ThemeLoader.Parse(ThemeYamlWriter.ToYaml(learned, new[] { "test" }), "embedded.yaml");
        Assert.Equal(e.Weight, back.Taste!.Embedding!.Weight);
        var frame = frames[0].Features;
        var scored = Scorecard.Score(frame, back, false);
        Assert.Equal(Scorecard.Score(frame, learned, false).Total, scored.Total);
        Assert.Contains("CLIP embedding", Assert.Single(scored.Components, c => c.Score == "Taste").Detail, StringComparison.Ordinal);
        // A photo without an embedding of that model gets the properties' part only, and is told so.
        var other = new PhotoFeatures { Detail = frame.Detail, Warmth = frame.Warmth, LumaP99 = frame.LumaP99, LumaP50 = frame.LumaP50, EmbeddingModel = "ViT-Other" , EmbeddingPath = frame.EmbeddingPath };
        Assert.Contains("no ViT-Test__openai embedding", Assert.Single(Scorecard.Score(other, back, false).Components, c => c.Score == "Taste").Detail, StringComparison.Ordinal);
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
