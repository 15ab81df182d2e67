using System.Text.Json;
using System.Text.Json.Serialization;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Pipeline;

/// <summary>
/// The chain the curation session streams photos through runs whatever stages it is given through their
/// openers: here a stage no engine code names ("tone", defined only in this file, as a new stage's folder
/// would define it) after the real preprocess, on the sample shoot's real pixels. That is the session's
/// half of docs/architecture.md#adding-a-stage: a new per-photo stage needs no edit in the session.
/// </summary>
public sealed class PhotoStageChainTests : IDisposable
{
    private static readonly StageDescriptor Tone = new("tone", "tone-1", 99, StageKind.PerPhoto, "Measure-PhotoTone",
        typeof(ToneStage), typeof(ToneDocument), typeof(object), typeof(ToneOpener));

    private readonly TempFolder _temp = new();

    [Fact]
    public void A_stage_only_its_opener_knows_runs_after_preprocess_in_input_order_and_writes_its_document()
    {
        var (photos, workspace) = Imported("chain");
        var reporter = new Reporter();
        var emitted = new List<(string Stage, int Count)>();
        ToneOpener.Disposed = 0;

        using (var chain = new PhotoStageChain(new[] { StageCatalog.Preprocess, Tone }, Context(), reporter, workspace, CancellationToken.None))
        {
            chain.ExpectMore(photos.Count);
            foreach (var photo in photos) chain.Add(photo);
            chain.Complete((stage, output, counts) => emitted.Add((stage.Name, output.Count)));
            Assert.Equal(photos.Select(p => p.PhotoId), chain.Output(Tone).Select(p => p.PhotoId));
        }

        Assert.Empty(reporter.Failures);
        Assert.Equal(new[] { ("preprocess", photos.Count), ("tone", photos.Count) }, emitted);
        Assert.Equal(1, ToneOpener.Disposed);
        // The tone the stage measured is the standardized image's own mean luma, photo by photo.
        foreach (var photo in photos) Assert.Equal(MeanLuma(photo.Preprocess!.StandardizedPath), ToneStage.Tones[photo.PhotoId], 6);
        var layout = new WorkspaceLayout(workspace);
        using var document = JsonDocument.Parse(File.ReadAllText(layout.StageJsonPath(Tone, "chain")));
        Assert.Equal("tone-1", document.RootElement.GetProperty("stage_version").GetString());
        Assert.Equal(photos.Select(p => p.PhotoId), document.RootElement.GetProperty("photo_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(layout.StageJsonPath(StageCatalog.Preprocess, "chain")));
    }

    [Fact]
    public void A_photo_failing_in_one_stage_is_reported_once_and_goes_no_further()
    {
        var (photos, workspace) = Imported("broken");
        File.WriteAllText(photos[1].Path, "no longer a photo");
        var reporter = new Reporter();

        using var chain = new PhotoStageChain(new[] { StageCatalog.Preprocess, Tone }, Context(), reporter, workspace, CancellationToken.None);
        foreach (var photo in photos) chain.Add(photo);
        chain.Complete((_, _, _) => { });

        var failure = Assert.Single(reporter.Failures);
        Assert.Equal(("preprocess", photos[1].Path), failure);
        Assert.Equal(photos.Where((_, i) => i != 1).Select(p => p.PhotoId), chain.Output(Tone).Select(p => p.PhotoId));
    }

    /// <summary>
    /// The workers' half: a distributed worker's chain runs the same stage no engine code names, opened
    /// through its opener, after the real preprocess on the bytes inspection read — and writes no stage
    /// document (the coordinator is the only writer).
    /// </summary>
    [Fact]
    public void A_workers_chain_runs_a_stage_only_its_opener_knows_and_writes_no_document()
    {
        var shoot = Directory.CreateDirectory(_temp.File("shoot-worker")).FullName;
        new SampleShootGenerator(480, 320).Write(shoot, new DateTime(2024, 9, 14, 8, 12, 5));
        var files = new PhotoScanner().Scan(shoot, recurse: false).Take(4).ToList();
        var workspace = new WorkspaceLayout(_temp.File("ws-worker"));
        List<Engine.Distributed.FileOutcome> outcomes;
        ToneOpener.Disposed = 0;
        using (var chain = new Engine.Distributed.WorkerChain(workspace.Root, Engine.Distributed.LibraryRoots.None, _temp.File("no-models"), 1, _ => { }, new[] { StageCatalog.Preprocess, Tone }))
        {
            outcomes = chain.Run(new Engine.Distributed.ChunkTask { RunId = "r", BatchId = "b", Files = files.Select(f => new Engine.Distributed.ListedFile { Path = f }).ToList() }, CancellationToken.None);
        }

        Assert.Equal(1, ToneOpener.Disposed);
        Assert.Equal(files.Count, outcomes.Count);
        foreach (var outcome in outcomes)
        {
            Assert.Null(outcome.Failed);
            var photo = outcome.Photo!;
            // Each stage's result travels under its name, the one no engine code names too.
            Assert.Equal(new[] { StageCatalog.Preprocess.Name, Tone.Name }, outcome.Results!.Keys);
            var preprocess = outcome.Results[StageCatalog.Preprocess.Name].Unpack<PhotoPreprocess>(Engine.Distributed.LibraryRoots.None, workspace);
            Assert.Equal(MeanLuma(preprocess.StandardizedPath), ToneStage.Tones[photo.PhotoId], 6);
        }
        Assert.False(File.Exists(workspace.StageJsonPath(Tone, "b")));
        Assert.False(File.Exists(workspace.StageJsonPath(StageCatalog.Preprocess, "b")));
    }

    [Fact]
    public void Every_per_photo_stage_after_ingest_opens_through_its_catalogue_line_and_no_other_stage_has_an_opener()
    {
        foreach (var stage in StageCatalog.All)
        {
            if (stage.Kind == StageKind.PerPhoto && stage != StageCatalog.Ingest)
            {
                using var opened = IPhotoStageOpener.For(stage).Open(Context());
                Assert.Same(stage, opened.Descriptor);
            }
            else
            {
                Assert.Null(stage.Opener);
                Assert.Throws<InvalidOperationException>(() => IPhotoStageOpener.For(stage));
            }
        }
    }

    /// <summary>No models folder: the run opens every stage without models, as on a machine with none installed.</summary>
    private PhotoStageContext Context() => new(new PhotoTheme(), _temp.File("no-models"), ModelDevice.Cpu, 2, _ => { }, _ => { });

    private (List<Photo> Photos, string Workspace) Imported(string batchId)
    {
        var shoot = Directory.CreateDirectory(_temp.File("shoot-" + batchId)).FullName;
        new SampleShootGenerator(480, 320).Write(shoot, new DateTime(2024, 9, 14, 8, 12, 5));
        var workspace = _temp.File("ws-" + batchId);
        var ingest = new BatchIngest(batchId, new WorkspaceLayout(workspace), new UserOverrides(null, null), "default");
        var inspector = new PhotoInspector();
        foreach (var path in new PhotoScanner().Scan(shoot, recurse: false).Take(5)) ingest.Accept(inspector.Inspect(path));
        return (ingest.Photos.ToList(), workspace);
    }

    private static double MeanLuma(string path)
    {
        using var image = Image.Load<L8>(path);
        double sum = 0;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (var pixel in rows.GetRowSpan(y)) sum += pixel.PackedValue;
        });
        return sum / (image.Width * image.Height) / 255.0;
    }

    public void Dispose() => _temp.Dispose();

    private sealed class Reporter : IStageReporter
    {
        public List<(string Stage, string Path)> Failures { get; } = new();
        public void Progress(StageDescriptor stage, int done, int total) { }
        public void PhotoFailed(StageDescriptor stage, string path, Exception error) => Failures.Add((stage.Name, path));
        public void Warning(string message) { }
        public void Verbose(string message) { }
    }

    /// <summary>What a new stage's folder holds: its opener, its stage, its record and its document.</summary>
    public sealed class ToneOpener : IPhotoStageOpener
    {
        public static int Disposed;

        public OpenedPhotoStage Open(PhotoStageContext context) =>
            new OpenedPhotoStage<ToneResult>(Tone, layout => new ToneStage(layout), new Resource());

        private sealed class Resource : IDisposable
        {
            public void Dispose() => Interlocked.Increment(ref Disposed);
        }
    }

    public sealed record ToneResult(double MeanLuma);

    public sealed class ToneStage(WorkspaceLayout layout) : IPhotoStage<ToneResult>
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> Tones = new();

        public StageDescriptor Descriptor => Tone;
        public string? CacheKey(Photo photo) => null;
        public ToneResult Process(Photo photo, CancellationToken cancellation) => new(MeanLuma(photo.Preprocess!.StandardizedPath));
        public bool FromCache(ToneResult result) => false;

        public bool Attach(Photo photo, ToneResult result)
        {
            Tones[photo.PhotoId] = result.MeanLuma;
            return true;
        }

        public StageRecord NewRecord(string batchId) => new ToneRecord(batchId, layout);
    }

    private sealed class ToneRecord(string batchId, WorkspaceLayout layout) : StageRecord(Tone, batchId, layout, parametersHash: "")
    {
        protected override void Record(Photo photo) { }

        protected override StageDocument Build() => new ToneDocument { PhotoIds = PhotoIds.ToList() };
    }

    public sealed class ToneDocument : StageDocument
    {
        public ToneDocument() : base(Tone) { }

        [JsonPropertyName("photo_ids")]
        public List<string> PhotoIds { get; set; } = new();
    }
}
