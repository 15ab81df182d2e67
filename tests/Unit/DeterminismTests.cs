using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using Xunit;

namespace PhotoCuration.Tests;

/// <summary>Same inputs and parameters give byte-identical stage JSON and derived files (docs/architecture.md#stage-documents).</summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string[] _inputs;

    public DeterminismTests()
    {
        var landscape = TestImages.WriteJpeg(_temp.File("in/landscape.jpg"), 900, 600, seed: 3);
        var portrait = _temp.File("in/portrait sideways.jpg");
        using (var upright = TestImages.Texture(300, 400, seed: 4))
        using (var stored = TestImages.StoreForOrientation(upright, 6))
        {
            stored.Metadata.ExifProfile!.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
            TestImages.SaveJpeg(stored, portrait);
        }
        var p3 = _temp.File("in/p3.jpg");
        using (var image = TestImages.Texture(200, 150, seed: 5))
        {
            image.Metadata.IccProfile = new IccProfile(IccProfileBuilder.Matrix(IccProfileBuilder.DisplayP3, new IccProfileBuilder.SrgbParametric(), "Display P3"));
            TestImages.SaveJpeg(image, p3);
        }
        var png = _temp.File("in/graphic.png");
        using (var image = TestImages.Quadrants(120, 80)) image.SaveAsPng(png);
        var copy = _temp.File("in/copies/landscape copy.jpg");
        File.Copy(landscape, copy);
        _inputs = new[] { landscape, portrait, p3, png, copy };
    }

    /// <summary>Ingest then preprocess into a fresh workspace, sequentially or on parallel workers.</summary>
    private string Run(string workspace, int workers)
    {
        var layout = new WorkspaceLayout(_temp.File(workspace));
        var ingest = new BatchIngest("det", layout, new UserOverrides(new[] { "p3.jpg" }, new[] { "graphic.png", "gone.jpg" }), "autumn");
        var inspector = new PhotoInspector();
        var photos = _inputs.Select(p => ingest.Accept(inspector.Inspect(p))).ToList();
        ingest.WriteStageJson();

        var options = new PreprocessOptions { RankingLongEdge = 512, StandardizedLongEdge = 256 };
        var preprocessor = new Preprocessor(layout, options);
        var batch = new PreprocessBatch("det", layout, options);
        using (var queue = new OrderedWorkQueue<Photo, PhotoPreprocess>((p, token) => preprocessor.Process(p, token), workers, capacity: workers * 2))
        {
            foreach (var result in photos.SelectMany(queue.Post).Concat(queue.Complete()))
            {
                Assert.Null(result.Error);
                result.Input.Preprocess = result.Output;
                batch.Add(result.Input);
            }
        }
        batch.WriteStageJson();
        return layout.Root;
    }

    private static SortedDictionary<string, byte[]> Tree(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    [Fact]
    public void Two_fresh_workspaces_hold_byte_identical_files()
    {
        var first = Tree(Run("ws1", workers: 1));
        var second = Tree(Run("ws2", workers: 2));
        Assert.Equal(first.Keys, second.Keys);
        Assert.Contains("intermediateJsons/ingest/det.json", first.Keys);
        Assert.Contains("intermediateJsons/preprocess/det.json", first.Keys);
        Assert.Equal(4, first.Keys.Count(k => k.StartsWith("data/input/", StringComparison.Ordinal)));       // 4 distinct photos
        Assert.Equal(4, first.Keys.Count(k => k.StartsWith("data/rankingInput/", StringComparison.Ordinal)));
        foreach (var (name, bytes) in first)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} differs between the two workspaces");
        }
    }

    [Fact]
    public void The_stage_documents_serialize_identically_and_name_no_workspace_path()
    {
        var ws1 = Run("ws1", workers: 1);
        var ws2 = Run("ws2", workers: 2);
        var ingest1 = File.ReadAllText(Path.Combine(ws1, "intermediateJsons/ingest/det.json"));
        var preprocess1 = File.ReadAllText(Path.Combine(ws1, "intermediateJsons/preprocess/det.json"));
        Assert.Equal(ingest1, File.ReadAllText(Path.Combine(ws2, "intermediateJsons/ingest/det.json")));
        Assert.Equal(preprocess1, File.ReadAllText(Path.Combine(ws2, "intermediateJsons/preprocess/det.json")));
        Assert.DoesNotContain("ws1", preprocess1);
        Assert.DoesNotContain("ws1", ingest1);
        // Re-reading and re-serializing changes nothing.
        Assert.Equal(preprocess1, StageJson.Serialize(StageJson.Deserialize<PreprocessStageDocument>(preprocess1)));
        Assert.Equal(ingest1, StageJson.Serialize(StageJson.Deserialize<IngestStageDocument>(ingest1)));
    }

    [Fact]
    public void A_cached_rerun_writes_the_same_stage_json()
    {
        var ws = Run("ws1", workers: 2);
        var before = Tree(ws);
        Run("ws1", workers: 2);
        var after = Tree(ws);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed on a cached re-run");
    }

    public void Dispose() => _temp.Dispose();
}
