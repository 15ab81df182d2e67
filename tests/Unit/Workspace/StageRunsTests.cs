using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Where stage documents go: main files, a named run, or 'explore' when an exported batch would change.</summary>
public sealed class StageRunsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private WorkspaceLayout Layout => new(_temp.Path);

    private void WriteMain(StageDescriptor stage, string key)
    {
        var path = Layout.StageJsonPath(stage, "b1");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{{\"idempotency_key\":\"{key}\"}}");
    }

    [Fact]
    public void Outside_any_scope_the_main_file_is_written()
    {
        WriteMain(StageCatalog.Exporter, "e");
        WriteMain(StageCatalog.Optimizer, "old");
        Assert.Equal(Layout.StageJsonPath(StageCatalog.Optimizer, "b1"), StageRuns.WritePath(Layout, StageCatalog.Optimizer, "b1", "new"));
    }

    [Fact]
    public void A_named_run_gets_its_own_folder()
    {
        using var _ = StageRuns.Exploring("moody", null);
        var path = StageRuns.WritePath(Layout, StageCatalog.Scoring, "b1", "k");
        Assert.Equal(Path.Combine(_temp.Path, "intermediateJsons", "runs", "moody", "scoring", "b1.json"), path);
        Assert.Equal("moody", StageRuns.RunOf(Layout, path));
        Assert.Null(StageRuns.RunOf(Layout, Layout.StageJsonPath(StageCatalog.Scoring, "b1")));
    }

    [Fact]
    public void An_exploration_of_an_exported_batch_that_changes_a_stage_goes_to_explore_with_one_notice()
    {
        WriteMain(StageCatalog.Exporter, "e");
        WriteMain(StageCatalog.Optimizer, "old");
        var notices = new List<string>();
        using var _ = StageRuns.Exploring(null, notices.Add);
        Assert.Equal(Layout.StageJsonPath(StageCatalog.Optimizer, "b1"), StageRuns.WritePath(Layout, StageCatalog.Optimizer, "b1", "old"));
        Assert.Empty(notices);   // the same result rewrites nothing
        var diverted = StageRuns.WritePath(Layout, StageCatalog.Optimizer, "b1", "new");
        Assert.Equal(StageRuns.Explore, StageRuns.RunOf(Layout, diverted));
        Assert.Single(notices);
        Assert.Contains("run 'explore'", notices[0]);
    }

    [Fact]
    public void A_batch_never_exported_is_explored_in_place()
    {
        WriteMain(StageCatalog.Optimizer, "old");
        using var _ = StageRuns.Exploring(null, _ => Assert.Fail("no notice expected"));
        Assert.Equal(Layout.StageJsonPath(StageCatalog.Optimizer, "b1"), StageRuns.WritePath(Layout, StageCatalog.Optimizer, "b1", "new"));
    }

    [Fact]
    public void A_run_name_must_be_a_folder_name()
    {
        Assert.Throws<ArgumentException>(() => StageRuns.Exploring("../up", null));
    }

    public void Dispose() => _temp.Dispose();
}
