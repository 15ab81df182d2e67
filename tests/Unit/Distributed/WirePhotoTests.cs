using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Workspace;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>
/// A worker's photo travels with portable originals and its stages' results beside it, with workspace-relative
/// derived files, and lands on the coordinator's library root and workspace.
/// </summary>
public sealed class WirePhotoTests
{
    private static readonly string Tmp = Path.GetFullPath(Path.GetTempPath());
    private static readonly LibraryRoots WorkerLibrary = new(new Dictionary<string, string> { ["archive"] = Path.Combine(Tmp, "w-photos") });
    private static readonly WorkspaceLayout WorkerSpace = new(Path.Combine(Tmp, "w-space"));
    private static readonly LibraryRoots CoordinatorLibrary = new(new Dictionary<string, string> { ["archive"] = Path.Combine(Tmp, "c-photos") });
    private static readonly WorkspaceLayout CoordinatorSpace = new(Path.Combine(Tmp, "c-space"));

    [Fact]
    public void A_photo_from_a_worker_lands_on_the_coordinators_library()
    {
        var original = Path.Combine(Tmp, "w-photos", "2019", "a.jpg");
        var photo = new Photo { PhotoId = "sha256:" + new string('a', 64), Path = original, CompanionPath = Path.ChangeExtension(original, ".cr2"), FileName = "a.jpg", Workspace = WorkerSpace.Root, BatchId = "b" };

        var wire = WirePhoto.ToWire(photo, WorkerLibrary);
        var landed = WirePhoto.FromWire(StageJson.Deserialize<Photo>(StageJson.Serialize(wire))!, CoordinatorLibrary);

        Assert.Equal(("archive:/2019/a.jpg", "archive:/2019/a.cr2"), (wire.Path, wire.CompanionPath));
        Assert.Equal(("", ""), (wire.Workspace, wire.BatchId));
        Assert.Equal(Path.Combine(Tmp, "c-photos", "2019", "a.jpg"), landed.Path);
        Assert.Equal(Path.Combine(Tmp, "c-photos", "2019", "a.cr2"), landed.CompanionPath);
        // The worker's own photo is left as it was.
        Assert.Equal(original, photo.Path);
    }

    [Fact]
    public void Preprocess_and_feature_results_land_on_the_coordinators_library_and_workspace()
    {
        var original = Path.Combine(Tmp, "w-photos", "2019", "a.jpg");
        var preprocess = new PhotoPreprocess { OriginalPath = original, RankingPath = Path.Combine(WorkerSpace.RankingDir, "aa", "x.jpg"), StandardizedPath = Path.Combine(WorkerSpace.StandardizedDir, "aa", "x.jpg") };
        var features = new PhotoFeatures { Sharpness = 0.1 + 0.2, EmbeddingPath = Path.Combine(WorkerSpace.EmbeddingDir, "x.npy") };

        var pre = StageJson.Deserialize<WireResult>(StageJson.Serialize(WireResult.Pack(preprocess, typeof(PhotoPreprocess), WorkerLibrary, WorkerSpace)))!;
        var feat = StageJson.Deserialize<WireResult>(StageJson.Serialize(WireResult.Pack(features, typeof(PhotoFeatures), WorkerLibrary, WorkerSpace)))!;

        Assert.Equal("data/rankingInput/aa/x.jpg", (string)pre.Value!["ranking_path"]!);
        Assert.Equal("archive:/2019/a.jpg", (string)pre.Value!["original_path"]!);
        var landedPre = pre.Unpack<PhotoPreprocess>(CoordinatorLibrary, CoordinatorSpace);
        var landedFeat = feat.Unpack<PhotoFeatures>(CoordinatorLibrary, CoordinatorSpace);
        Assert.Equal(Path.Combine(Tmp, "c-photos", "2019", "a.jpg"), landedPre.OriginalPath);
        Assert.Equal(Path.Combine(CoordinatorSpace.StandardizedDir, "aa", "x.jpg"), landedPre.StandardizedPath);
        Assert.Equal(Path.Combine(CoordinatorSpace.EmbeddingDir, "x.npy"), landedFeat.EmbeddingPath);
        // Numbers travel exactly (the coordinator scores from them).
        Assert.Equal(0.1 + 0.2, landedFeat.Sharpness);
        // The worker's own result is left as it was.
        Assert.Equal(original, preprocess.OriginalPath);
    }
}
