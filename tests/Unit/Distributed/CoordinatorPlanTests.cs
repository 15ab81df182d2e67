using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Ingest;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>How a run is cut into tasks: the listed files in chunks, in listing order, with portable paths.</summary>
public sealed class CoordinatorPlanTests
{
    [Fact]
    public void Listed_files_are_cut_into_numbered_chunks_in_order_with_portable_paths()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "lib-root"));
        var files = Enumerable.Range(0, 19).Select(i => new RawJpegPairing.Entry(
            Path.Combine(root, "2019", $"IMG_{i:0000}.CR2"), i % 2 == 0 ? Path.Combine(root, "2019", $"IMG_{i:0000}.JPG") : null)).ToList();
        var endpoint = BrokerEndpoint.Parse("amqp://nas/studio", "u", "p");
        var coordinator = new CurationCoordinator(endpoint, new LibraryRoots(new Dictionary<string, string> { ["archive"] = root }), chunkSize: 8);

        var chunks = coordinator.Plan("run1", "b", "autumn", files);

        Assert.Equal(new[] { 8, 8, 3 }, chunks.Select(c => c.Files.Count));
        Assert.Equal(new[] { 0, 1, 2 }, chunks.Select(c => c.Chunk));
        Assert.All(chunks, c => Assert.Equal(("run1", "b", "autumn"), (c.RunId, c.BatchId, c.Theme)));
        Assert.Equal(files.Select(f => "archive:/2019/" + Path.GetFileName(f.Primary)), chunks.SelectMany(c => c.Files).Select(f => f.Path));
        Assert.Equal("archive:/2019/IMG_0010.JPG", chunks[1].Files[2].Companion);
        Assert.Null(chunks[1].Files[1].Companion);
    }
}
