using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Faces;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>
/// A worker's chain (docs/distributed.md#what-runs-where, #cores): the catalogue's worker stages opened
/// through their openers, giving what the stage classes give run by hand, and a worker of concurrency N
/// whose libvips and ONNX Runtime sessions are set to N cores' worth of threads.
/// </summary>
public sealed class WorkerChainTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string ModelsDir => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>
    /// -Concurrency 1 means one core: libvips (the native library's own setting) runs an operation on one
    /// thread, and the face model's session was created with one intra-op and one inter-op thread — on
    /// this machine a run of one worker that may use every core gives the model all of them.
    /// </summary>
    [FaceDataFact]
    public void A_worker_of_concurrency_1_runs_libvips_and_onnx_runtime_on_one_thread_per_photo()
    {
        using var chain = new WorkerChain(_temp.File("ws"), LibraryRoots.None, ModelsDir, 1, _ => { });
        Assert.Equal(1, VipsRuntime.Concurrency);
        var faces = chain.Open(null).Single(s => s.Descriptor == StageCatalog.Faces);
        var analyzer = Assert.IsType<FaceAnalyzer>(faces.Resources);
        Assert.Equal((1, 1), (analyzer.Detector.IntraOpThreads, analyzer.Detector.InterOpThreads));
        Assert.Equal((1, 1), chain.ThreadsPerPhoto);

        // The same stage opened for a local run of one worker, where the run may use every processor.
        var local = new PhotoStageContext(Engine.Themes.ThemeResolver.Resolve(null, _temp.Path), ModelsDir, ModelDevice.Cpu, 1, _ => { }, _ => { });
        using var opened = IPhotoStageOpener.For(StageCatalog.Faces).Open(local);
        Assert.Equal(Environment.ProcessorCount, Assert.IsType<FaceAnalyzer>(opened.Resources).Detector.IntraOpThreads);
    }

    [Fact]
    public void Workers_run_every_per_photo_stage_with_an_opener_except_those_that_depend_on_the_batch()
    {
        Assert.Equal(new[] { StageCatalog.Preprocess, StageCatalog.Features, StageCatalog.Faces }, StageCatalog.OnWorkers);
        Assert.True(StageCatalog.Scoring.UsesBatch);
        using var chain = new WorkerChain(_temp.File("ws"), LibraryRoots.None, ModelsDir, 2, _ => { });
        Assert.Equal(StageCatalog.OnWorkers, chain.Open(null).Select(s => s.Descriptor));
        Assert.Same(chain.Open(null), chain.Open(null));
    }

    /// <summary>
    /// A chunk of real frames (skimage's astronaut among them, so the face model finds a face) through the
    /// worker chain gives, photo by photo, the results of preprocess, features and faces run by hand from
    /// the files in another workspace, to the last digit; no scoring (the coordinator's); and the chain
    /// leaves nothing in its handoffs.
    /// </summary>
    [FaceDataFact]
    public void A_chunk_through_the_opened_stages_gives_the_results_of_the_stage_classes_run_by_hand()
    {
        var files = new List<string>();
        var astronaut = _temp.File("shoot/astronaut.jpg");
        using (var image = Image.Load<Rgb24>(FaceFixtures.Fixture("astronaut.png"))) image.SaveAsJpeg(astronaut, new JpegEncoder { Quality = 92 });
        files.Add(astronaut);
        for (var i = 1; i <= 2; i++) files.Add(TestImages.WriteJpeg(_temp.File($"shoot/texture{i}.jpg"), 1200, 800, seed: i));
        var broken = _temp.File("shoot/broken.jpg");
        File.WriteAllBytes(broken, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 });
        files.Add(broken);

        var workerSpace = new WorkspaceLayout(_temp.File("ws-worker"));
        List<FileOutcome> outcomes;
        using (var chain = new WorkerChain(workerSpace.Root, LibraryRoots.None, ModelsDir, 1, _ => { }))
        {
            outcomes = chain.Run(new ChunkTask { RunId = "r", BatchId = "b", Files = files.Select(f => new ListedFile { Path = f }).ToList() }, CancellationToken.None);
        }

        var byHand = new WorkspaceLayout(_temp.File("ws-hand"));
        var catalog = ModelCatalog.Discover(null, ModelsDir);
        using var models = ModelPipeline.Create(catalog, ModelDevice.Cpu, 1, _ => { });
        var (analyzer, modelId) = FaceStage.Open(catalog, ModelDevice.Cpu, 1);
        using (analyzer)
        {
            Assert.NotNull(analyzer);
            var preprocess = new Preprocessor(byHand, new PreprocessOptions(), sweepStaleTemps: false);
            var features = new FeatureStage(byHand, models is null ? null : new ModelFeatures(models, byHand, Engine.Themes.ThemeResolver.Resolve(null, byHand.Root).Mood));
            var faces = new FaceStage(byHand, analyzer, modelId);
            Assert.Equal(files.Count, outcomes.Count);
            for (var i = 0; i < files.Count - 1; i++)
            {
                var outcome = outcomes[i];
                Assert.Null(outcome.Ingest);
                Assert.Null(outcome.Failed);
                var photo = new PhotoInspector().Inspect(files[i]);
                var inspected = WirePhoto.ToWire(photo, LibraryRoots.None);
                photo.Workspace = byHand.Root;
                photo.Preprocess = preprocess.Process(photo);
                photo.Features = features.Process(photo);
                var found = faces.Process(photo);
                // Ingest's record as inspection left it, and each stage's result beside it, landed in the by-hand workspace.
                Assert.Equal(StageJson.Serialize(inspected), StageJson.Serialize(outcome.Photo));
                Assert.Equal(new[] { "preprocess", "features", "faces" }, outcome.Results!.Keys);
                Assert.Equal(StageJson.Serialize(photo.Preprocess), StageJson.Serialize(outcome.Results["preprocess"].Unpack<PhotoPreprocess>(LibraryRoots.None, byHand)));
                Assert.Equal(StageJson.Serialize(photo.Features), StageJson.Serialize(outcome.Results["features"].Unpack<PhotoFeatures>(LibraryRoots.None, byHand)));
                Assert.Equal(StageJson.Serialize(found), StageJson.Serialize(outcome.Results["faces"].Unpack<PhotoFaces>(LibraryRoots.None, byHand)));
                // A few KB per photo on the results queue (docs/distributed.md#topology).
                var bytes = WireJson.Encode(outcome).Length;
                Assert.InRange(bytes, 1, 8192);
            }
            Assert.Single(outcomes[0].Results!["faces"].Unpack<PhotoFaces>(LibraryRoots.None, byHand).Faces);
            Assert.Equal(StageCatalog.Ingest.Name, outcomes[^1].Ingest?.Stage);
        }
    }

    public void Dispose() => _temp.Dispose();
}
