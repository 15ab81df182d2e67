using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>
/// docs/architecture.md#stage-documents: same inputs and parameters give byte-identical JSON; and the derived images and cache
/// entries are byte-identical too, so a second machine or a CI step reproduces a workspace exactly.
/// </summary>
public sealed class FreshWorkspaceDeterminismTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _shoot;

    public FreshWorkspaceDeterminismTests()
    {
        _shoot = Directory.CreateDirectory(_temp.File("shoot")).FullName;
        TestImages.WriteJpeg(Path.Combine(_shoot, "IMG_0001.jpg"), 1200, 800, seed: 1);
        using (var upright = TestImages.Texture(300, 400, seed: 2))
        using (var sideways = TestImages.StoreForOrientation(upright, 6))
        {
            TestImages.SaveJpeg(sideways, Path.Combine(_shoot, "IMG_0002 portrait.jpg"));
        }
        using (var rgb = TestImages.Texture(320, 240, seed: 3))
        using (var deep = rgb.CloneAs<Rgb48>())
        {
            deep.SaveAsPng(Path.Combine(_shoot, "scan 16bit.png"), new PngEncoder { BitDepth = PngBitDepth.Bit16 });
        }
        using (var p3 = TestImages.Texture(320, 240, seed: 4))
        {
            p3.Metadata.IccProfile = new IccProfile(IccBuilder.MatrixProfile(IccBuilder.DisplayP3, IccBuilder.ParaSrgb(), "Display P3"));
            TestImages.SaveJpeg(p3, Path.Combine(_shoot, "Ünïcödé p3.jpg"));
        }
        Directory.CreateDirectory(Path.Combine(_shoot, "copies"));
        File.Copy(Path.Combine(_shoot, "IMG_0001.jpg"), Path.Combine(_shoot, "copies", "IMG_0001 copy.jpg"));
        File.WriteAllText(Path.Combine(_shoot, "notes.jpg"), "not a photo");
    }

    /// <summary>Ingest, then preprocess, into <paramref name="workspace"/>; returns both stage JSON texts.</summary>
    private (string Ingest, string Preprocess, int FromCache) Run(string workspace)
    {
        var layout = new WorkspaceLayout(_temp.File(workspace));
        var ingest = new BatchIngest("det", layout, new UserOverrides(new[] { "IMG_0001.jpg" }, null), "default");
        var inspector = new PhotoInspector();
        foreach (var path in new PhotoScanner().Scan(_shoot, recurse: true))
        {
            try { ingest.Accept(inspector.Inspect(path)); }
            catch (PhotoInputException ex) { ingest.Reject(path, ex.ErrorId, ex.Message); }
        }
        var ingestJson = File.ReadAllText(ingest.WriteStageJson());

        var options = new PreprocessOptions();
        var preprocessor = new Preprocessor(layout, options);
        var batch = new PreprocessBatch("det", layout, options);
        var fromCache = 0;
        foreach (var photo in ingest.Photos)
        {
            var result = preprocessor.Process(photo);
            if (result.FromCache) fromCache++;
            PreprocessBatchAdapter.Add(batch, photo, result);
        }
        return (ingestJson, StageJson.Serialize(PreprocessBatchAdapter.ToDocument(batch)), fromCache);
    }

    private static SortedDictionary<string, byte[]> Files(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    [Fact]
    public void Two_fresh_workspaces_are_byte_identical()
    {
        var first = Run("ws1");
        var second = Run("ws2");

        Assert.Equal(first.Ingest, second.Ingest);
        Assert.Equal(first.Preprocess, second.Preprocess);
        Assert.Contains("\"error_id\": \"NotAnImage\"", first.Ingest);
        Assert.Contains("Display P3", first.Preprocess);

        var a = Files(_temp.File("ws1"));
        var b = Files(_temp.File("ws2"));
        Assert.Equal(a.Keys, b.Keys);
        // 4 distinct photos × (ranking + std + cache entry) + the ingest stage JSON; the copy shares its original's files.
        Assert.Equal(13, a.Count);
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs between workspaces");
    }

    [Fact]
    public void A_cached_rerun_writes_the_same_stage_json()
    {
        var first = Run("ws");
        var rerun = Run("ws");
        Assert.Equal(1, first.FromCache); // only the byte-identical copy was a hit in the first run
        Assert.Equal(5, rerun.FromCache);
        Assert.Equal(first.Ingest, rerun.Ingest);
        Assert.Equal(first.Preprocess, rerun.Preprocess);
    }

    public void Dispose() => _temp.Dispose();
}

/// <summary>
/// The one place these tests touch PreprocessBatch's recording API, which is being reworked
/// (Add(photo, result) → Add(photo) with photo.Preprocess set; ToDocument returning object). Bound by
/// reflection so this file compiles against either shape; the JSON is what is compared.
/// </summary>
internal static class PreprocessBatchAdapter
{
    public static void Add(PreprocessBatch batch, Photo photo, PhotoPreprocess result)
    {
        photo.Preprocess = result;
        var withResult = typeof(PreprocessBatch).GetMethod("Add", new[] { typeof(Photo), typeof(PhotoPreprocess) });
        if (withResult is not null)
        {
            withResult.Invoke(batch, new object[] { photo, result });
            return;
        }
        var photoOnly = typeof(PreprocessBatch).GetMethod("Add", new[] { typeof(Photo) })
            ?? throw new MissingMethodException(nameof(PreprocessBatch), "Add");
        photoOnly.Invoke(batch, new object[] { photo });
    }

    public static object ToDocument(PreprocessBatch batch) =>
        typeof(PreprocessBatch).GetMethod("ToDocument", Type.EmptyTypes)!.Invoke(batch, null)!;
}
