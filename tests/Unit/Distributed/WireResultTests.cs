using System.Text;
using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>
/// A stage's result travels on the results queue whatever the stage (docs/distributed.md#what-runs-where):
/// a per-photo stage known only to this test's catalogue runs on a worker, its result crosses the wire as
/// the broker carries it, and the coordinator's stage takes it — numbers exact, the original and the
/// derived files on the coordinator's own library root and workspace — without computing it again.
/// </summary>
public sealed class WireResultTests : IDisposable
{
    private readonly TempFolder _temp = new();

    /// <summary>The test stage's result: an original, derived files (one nested, one in a list), numbers and text that is no path.</summary>
    public sealed class TintResult
    {
        public string OriginalPath { get; set; } = "";
        public string DerivedPath { get; set; } = "";
        public double Mean { get; set; }
        public string Note { get; set; } = "";
        public List<string> Files { get; set; } = new();
        public TintPart? Part { get; set; }
    }

    public sealed class TintPart
    {
        public string Path { get; set; } = "";
        public int[] Counts { get; set; } = Array.Empty<int>();
    }

    /// <summary>The stage: reads the original, writes a file into the workspace, gives a <see cref="TintResult"/>.</summary>
    private sealed class TintStage(WorkspaceLayout layout) : TestPhotoStage<TintResult>(Tint)
    {
        private readonly WorkspaceLayout _layout = layout;

        public override TintResult Process(Photo photo, CancellationToken cancellation)
        {
            var bytes = File.ReadAllBytes(photo.Path);
            var derived = Path.Combine(_layout.DataDir, "tint", photo.PhotoId[7..15] + ".txt");
            Directory.CreateDirectory(Path.GetDirectoryName(derived)!);
            File.WriteAllText(derived, "tint");
            return new TintResult
            {
                OriginalPath = photo.Path,
                DerivedPath = derived,
                Mean = bytes.Average(b => (double)b) / 3,
                Note = "a/b: not a path",
                Files = new() { derived, "relative/stays.txt" },
                Part = new TintPart { Path = derived, Counts = new[] { bytes.Length, 7 } },
            };
        }
    }

    /// <summary>The coordinator's copy of the stage: it must never compute (the result came from the worker).</summary>
    private sealed class NeverStage() : TestPhotoStage<TintResult>(Tint)
    {
        public override TintResult Process(Photo photo, CancellationToken cancellation) => throw new InvalidOperationException("computed on the coordinator");
    }

    public sealed class TintOpener : IPhotoStageOpener
    {
        public OpenedPhotoStage Open(PhotoStageContext context) => new OpenedPhotoStage<TintResult>(Tint, layout => new TintStage(layout));
    }

    /// <summary>A catalogue line of this test only: StageCatalog does not know it.</summary>
    private static readonly StageDescriptor Tint = new("tint", "tint-1", 99, StageKind.PerPhoto, "Get-Tint", typeof(TintStage), typeof(object), typeof(object), typeof(TintOpener));

    [Fact]
    public void A_stage_registered_only_in_a_test_catalogue_round_trips_through_the_wire()
    {
        Assert.DoesNotContain(StageCatalog.All, s => s.Name == Tint.Name);
        var workerRoot = _temp.File("worker-photos");
        var coordinatorRoot = _temp.File("coordinator-photos");
        var original = TestImages.WriteJpeg(_temp.File("worker-photos/2019/a.jpg"));
        File.Copy(original, _temp.File("coordinator-photos/2019/a.jpg"));
        var workerSpace = new WorkspaceLayout(_temp.File("worker-space"));
        var coordinatorSpace = new WorkspaceLayout(_temp.File("coordinator-space"));
        var workerLibrary = new LibraryRoots(new Dictionary<string, string> { ["archive"] = workerRoot });
        var coordinatorLibrary = new LibraryRoots(new Dictionary<string, string> { ["archive"] = coordinatorRoot });

        // The worker: inspection, then the test catalogue's one stage.
        ChunkResult result;
        using (var chain = new WorkerChain(workerSpace.Root, workerLibrary, null, 1, _ => { }, new[] { Tint }))
        {
            var outcomes = chain.Run(new ChunkTask { RunId = "r", BatchId = "b", Files = new() { new ListedFile { Path = "archive:/2019/a.jpg" } } }, CancellationToken.None);
            result = new ChunkResult { RunId = "r", Chunk = 0, Worker = "w", Files = outcomes };
        }
        var expected = new TintStage(workerSpace).Process(new Photo { PhotoId = result.Files[0].Photo!.PhotoId, Path = original }, CancellationToken.None);

        // The wire, as the worker publishes it and the coordinator reads it: no path of the worker's machine in it.
        var body = WireJson.Encode(result);
        Assert.DoesNotContain(workerRoot, Encoding.UTF8.GetString(body));
        Assert.DoesNotContain(workerSpace.Root, Encoding.UTF8.GetString(body));
        var sent = WireJson.Decode<ChunkResult>(body)!.Files.Single();
        Assert.Null(sent.Failed);
        Assert.Equal(new[] { "tint" }, sent.Results!.Keys);

        // The coordinator: its stage, decorated by the distributed step, takes the worker's result.
        var step = new DistributedStep(new DistributedRequest(BrokerEndpoint.Parse("amqp://localhost/", "test", "unused"), coordinatorLibrary), coordinatorSpace);
        var photo = step.Received(sent.Photo!, sent);
        var landed = step.Decorate(new NeverStage()).Process(photo, CancellationToken.None);

        Assert.Equal(Path.Combine(coordinatorRoot, "2019", "a.jpg"), photo.Path);
        Assert.Equal(photo.Path, landed.OriginalPath);
        var derived = Path.Combine(coordinatorSpace.DataDir, "tint", photo.PhotoId[7..15] + ".txt");
        Assert.Equal(derived, landed.DerivedPath);
        Assert.Equal(new[] { derived, "relative/stays.txt" }, landed.Files);
        Assert.Equal(derived, landed.Part!.Path);
        Assert.Equal(expected.Part!.Counts, landed.Part.Counts);
        // Numbers exact, text that is no path as it was.
        Assert.Equal(expected.Mean, landed.Mean);
        Assert.Equal("a/b: not a path", landed.Note);
        // A few KB per photo: ingest's record and the stage's result.
        Assert.InRange(WireJson.Encode(sent).Length, 1, 2048);
    }

    [Fact]
    public void A_coordinator_without_the_library_gets_the_photos_unknown_library_error()
    {
        var root = _temp.File("photos");
        var original = TestImages.WriteJpeg(_temp.File("photos/a.jpg"));
        var space = new WorkspaceLayout(_temp.File("space"));
        var library = new LibraryRoots(new Dictionary<string, string> { ["archive"] = root });
        var result = new TintStage(space).Process(new Photo { PhotoId = "sha256:" + new string('c', 64), Path = original }, CancellationToken.None);

        var wire = StageJson.Deserialize<WireResult>(StageJson.Serialize(WireResult.Pack(result, typeof(TintResult), library, space)))!;

        Assert.Equal(new[] { "/original_path" }, wire.Originals);
        Assert.Equal(new[] { "/derived_path", "/files/0", "/part/path" }, wire.Derived);
        var error = Assert.Throws<PhotoInputException>(() => wire.Unpack<TintResult>(LibraryRoots.None, space));
        Assert.Equal(PhotoErrorIds.UnknownLibrary, error.ErrorId);
    }

    public void Dispose() => _temp.Dispose();
}
