using PhotoCuration.Engine.Distributed;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>How a run is cut into tasks: chunks in import order, portable paths, the caller's photos untouched.</summary>
public sealed class CoordinatorPlanTests
{
    [Fact]
    public void Photos_are_cut_into_numbered_chunks_in_order_with_portable_paths()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "lib-root"));
        var photos = Enumerable.Range(0, 19).Select(i => new Photo
        {
            PhotoId = $"sha256:{i:x64}",
            Path = Path.Combine(root, "2019", $"IMG_{i:0000}.jpg"),
            FileName = $"IMG_{i:0000}.jpg",
            BatchId = "b",
            Workspace = "/somewhere",
        }).ToList();
        var endpoint = BrokerEndpoint.Parse("amqp://nas/studio", "u", "p");
        var coordinator = new CurationCoordinator(endpoint, new LibraryRoots(new Dictionary<string, string> { ["archive"] = root }), chunkSize: 8);

        var chunks = coordinator.Plan("run1", "b", "autumn", photos);

        Assert.Equal(new[] { 8, 8, 3 }, chunks.Select(c => c.Photos.Count));
        Assert.Equal(new[] { 0, 1, 2 }, chunks.Select(c => c.Chunk));
        Assert.All(chunks, c => Assert.Equal(("run1", "b", "autumn"), (c.RunId, c.BatchId, c.Theme)));
        Assert.Equal(photos.Select(p => p.PhotoId), chunks.SelectMany(c => c.Photos).Select(p => p.PhotoId));
        Assert.Equal("archive:/2019/IMG_0009.jpg", chunks[1].Photos[1].Path);
        Assert.Equal("", chunks[0].Photos[0].Workspace);
        // The caller's photos keep their local paths.
        Assert.Equal(Path.Combine(root, "2019", "IMG_0009.jpg"), photos[9].Path);
    }
}
