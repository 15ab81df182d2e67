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
    public void A_missing_folder_is_nothing_to_clean() =>
        Assert.Equal(0, AtomicFile.RemoveStaleTempFiles(_temp.File("absent"), TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();
}
