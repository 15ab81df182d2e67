using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>A process killed mid-write leaves hidden temporary files; a later run removes the old ones and nothing else.</summary>
public sealed class StaleTempFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Make(string path, TimeSpan age)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public void A_preprocess_run_removes_old_temporary_files_only()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var oldRanking = Make(Path.Combine(layout.RankingDir, ".IMG_0001_0a1b2c3d.jpg.0123456789ab.tmp"), TimeSpan.FromHours(3));
        var oldCache = Make(Path.Combine(layout.StageCacheDir("preprocess"), "ab", ".abcdef.json.0123456789ab.tmp"), TimeSpan.FromHours(3));
        var fresh = Make(Path.Combine(layout.StandardizedDir, ".IMG_0002_0a1b2c3d_std.jpg.0123456789ab.tmp"), TimeSpan.FromSeconds(5));
        var photo = Make(Path.Combine(layout.RankingDir, "IMG_0003_0a1b2c3d.jpg"), TimeSpan.FromDays(3));
        var hiddenNotTemp = Make(Path.Combine(layout.RankingDir, ".keep"), TimeSpan.FromDays(3));

        _ = new Preprocessor(layout, new PreprocessOptions());

        Assert.False(File.Exists(oldRanking));
        Assert.False(File.Exists(oldCache));
        Assert.True(File.Exists(fresh), "a concurrent run's file in flight must stay");
        Assert.True(File.Exists(photo));
        Assert.True(File.Exists(hiddenNotTemp));
    }

    [Fact]
    public void A_worker_in_a_shared_workspace_does_not_sweep_and_the_maintenance_sweep_reaches_every_folder()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var inShard = Make(Path.Combine(layout.RankingDir, "ab", ".IMG_0001_ab1b2c3d.jpg.0123456789ab.tmp"), TimeSpan.FromHours(3));
        var inEmbeddings = Make(Path.Combine(layout.EmbeddingDir, "cd", ".IMG_0004_cd1b2c3d_clip.npy.0123456789ab.tmp"), TimeSpan.FromHours(3));
        var stageJson = Make(Path.Combine(layout.StageJsonDir, "ingest", ".b.json.0123456789ab.tmp"), TimeSpan.FromHours(3));
        var fresh = Make(Path.Combine(layout.SaliencyDir, "ef", ".IMG_0005_ef1b2c3d_sal.png.0123456789ab.tmp"), TimeSpan.FromSeconds(5));
        var derived = Make(Path.Combine(layout.RankingDir, "ab", "IMG_0001_ab1b2c3d.jpg"), TimeSpan.FromDays(3));

        _ = new Preprocessor(layout, new PreprocessOptions(), sweepStaleTemps: false);
        Assert.True(File.Exists(inShard), "a worker leaves the shared workspace's sweep to the maintenance step");

        Assert.Equal(3, StaleTempSweep.All(layout, AtomicFile.StaleTempAge));
        Assert.False(File.Exists(inShard));
        Assert.False(File.Exists(inEmbeddings));
        Assert.False(File.Exists(stageJson));
        Assert.True(File.Exists(fresh), "a write in flight must stay");
        Assert.True(File.Exists(derived));
    }

    [Fact]
    public void A_missing_folder_is_nothing_to_clean() =>
        Assert.Equal(0, AtomicFile.RemoveStaleTempFiles(_temp.File("absent"), TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();
}
