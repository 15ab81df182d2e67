using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Workspace;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>A worker's photo travels with portable originals and workspace-relative derived files, and lands on the coordinator's paths.</summary>
public sealed class WirePhotoTests
{
    [Fact]
    public void A_photo_from_a_worker_lands_on_the_coordinators_library_and_workspace()
    {
        var tmp = Path.GetFullPath(Path.GetTempPath());
        var workerLibrary = new LibraryRoots(new Dictionary<string, string> { ["archive"] = Path.Combine(tmp, "w-photos") });
        var workerSpace = new WorkspaceLayout(Path.Combine(tmp, "w-space"));
        var coordinatorLibrary = new LibraryRoots(new Dictionary<string, string> { ["archive"] = Path.Combine(tmp, "c-photos") });
        var coordinatorSpace = new WorkspaceLayout(Path.Combine(tmp, "c-space"));
        var original = Path.Combine(tmp, "w-photos", "2019", "a.jpg");
        var photo = new Photo
        {
            PhotoId = "sha256:" + new string('a', 64),
            Path = original,
            FileName = "a.jpg",
            Workspace = workerSpace.Root,
            BatchId = "b",
            Preprocess = new PhotoPreprocess { OriginalPath = original, RankingPath = Path.Combine(workerSpace.RankingDir, "aa", "x.jpg"), StandardizedPath = Path.Combine(workerSpace.StandardizedDir, "aa", "x.jpg") },
            Features = new PhotoFeatures { Sharpness = 0.1 + 0.2, EmbeddingPath = Path.Combine(workerSpace.EmbeddingDir, "x.npy") },
        };

        var wire = WirePhoto.ToWire(photo, workerLibrary, workerSpace);
        var sent = StageJson.Deserialize<Photo>(StageJson.Serialize(wire))!;
        var landed = WirePhoto.FromWire(sent, coordinatorLibrary, coordinatorSpace);

        Assert.Equal("archive:/2019/a.jpg", wire.Path);
        Assert.Equal("data/rankingInput/aa/x.jpg", wire.Preprocess!.RankingPath);
        Assert.Equal(("", ""), (wire.Workspace, wire.BatchId));
        Assert.Equal(Path.Combine(tmp, "c-photos", "2019", "a.jpg"), landed.Path);
        Assert.Equal(landed.Path, landed.Preprocess!.OriginalPath);
        Assert.Equal(Path.Combine(coordinatorSpace.StandardizedDir, "aa", "x.jpg"), landed.Preprocess.StandardizedPath);
        Assert.Equal(Path.Combine(coordinatorSpace.EmbeddingDir, "x.npy"), landed.Features!.EmbeddingPath);
        // Numbers travel exactly (the coordinator scores from them).
        Assert.Equal(0.1 + 0.2, landed.Features.Sharpness);
        // The worker's own photo is left as it was.
        Assert.Equal(original, photo.Path);
    }
}
