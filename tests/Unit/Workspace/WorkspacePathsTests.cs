using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Originals are stored as file:// URIs in stage JSON and ingest_input.json; derived files workspace-relative.</summary>
public sealed class WorkspacePathsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("IMG_0001.jpg")]
    [InlineData("Brautpaar am Fluß.jpg")]
    [InlineData("写真 [2].jpg")]
    [InlineData("a#b.jpg")]
    [InlineData("100%.jpg")]
    [InlineData("a?b.jpg")]
    public void A_file_uri_resolves_back_to_the_same_file(string name)
    {
        var path = _temp.File("shoot/" + name);
        var uri = WorkspacePaths.ToFileUri(path);
        Assert.StartsWith("file:///", uri);
        Assert.DoesNotContain(' ', uri);
        Assert.Equal(path, WorkspacePaths.FromUriOrPath(uri, "/elsewhere"));
    }

    /// <summary>
    /// Names saved from a browser often keep percent-escapes literally ("Don%E2%80%99t.jpg"). The URI must
    /// escape the '%' itself, or reading it back names a different file.
    /// </summary>
    [Theory]
    [InlineData("Don%E2%80%99t.jpg")]
    [InlineData("photo%5F1.jpg")]
    [InlineData("%41.jpg")]
    public void A_file_name_with_literal_percent_escapes_round_trips(string name)
    {
        var path = _temp.File("shoot/" + name);
        File.WriteAllBytes(path, new byte[] { 1 });
        var back = WorkspacePaths.FromUriOrPath(WorkspacePaths.ToFileUri(path), "/elsewhere");
        Assert.Equal(path, back);
        Assert.True(File.Exists(back));
    }

    [Fact]
    public void Relative_paths_use_forward_slashes_and_resolve_back()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var full = Path.Combine(layout.RankingDir, "a_01234567.jpg");
        Assert.Equal("data/rankingInput/a_01234567.jpg", WorkspacePaths.ToRelative(layout, full));
        Assert.Equal(full, WorkspacePaths.ToFull(layout, "data/rankingInput/a_01234567.jpg"));
    }

    [Fact]
    public void The_layout_matches_the_spec()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        string Rel(string p) => Path.GetRelativePath(layout.Root, p).Replace('\\', '/');
        Assert.Equal("data/input", Rel(layout.StandardizedDir));
        Assert.Equal("data/rankingInput", Rel(layout.RankingDir));
        Assert.Equal("data/cache/preprocess", Rel(layout.StageCacheDir("preprocess")));
        Assert.Equal("intermediateJsons/preprocess/b1.json", Rel(layout.StageJsonPath("preprocess", "b1")));
        Assert.Throws<ArgumentException>(() => layout.StageJsonPath("nope", "b1"));
        Assert.Throws<ArgumentException>(() => layout.StageJsonPath("ingest", "../b1"));
    }

    public void Dispose() => _temp.Dispose();
}
