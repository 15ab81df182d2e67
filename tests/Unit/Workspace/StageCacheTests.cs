using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Preprocess;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

public sealed class StageCacheTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    private (Photo Photo, Preprocessor Preprocessor, PhotoPreprocess First) Prime()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("c.jpg"), 1200, 800);
        var photo = TestImages.Inspect(path);
        var preprocessor = new Preprocessor(_fixture.Layout, new PreprocessOptions());
        var first = preprocessor.Process(photo);
        Assert.False(first.FromCache);
        return (photo, preprocessor, first);
    }

    private string EntryPath(Preprocessor preprocessor, Photo photo) =>
        new StageCache(_fixture.Layout, Preprocessor.StageName, Preprocessor.StageVersion).EntryPath(preprocessor.CacheKey(photo.PhotoId));

    [Fact]
    public void A_rerun_reads_the_cache_and_writes_nothing()
    {
        var (photo, preprocessor, first) = Prime();
        var written = File.GetLastWriteTimeUtc(first.RankingPath);
        Thread.Sleep(20);
        var second = preprocessor.Process(photo);
        Assert.True(second.FromCache);
        Assert.Equal(first.RankingPath, second.RankingPath);
        Assert.Equal(first.ProcessingMethod, second.ProcessingMethod);
        Assert.Equal(written, File.GetLastWriteTimeUtc(first.RankingPath));
    }

    public static TheoryData<string> Damages => new() { "truncate-entry", "other-version", "garbage-entry", "edit-image", "delete-image" };

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_entry_or_file_is_recomputed_never_trusted(string damage)
    {
        var (photo, preprocessor, first) = Prime();
        var goodStd = File.ReadAllBytes(first.StandardizedPath);
        var entry = EntryPath(preprocessor, photo);
        switch (damage)
        {
            case "truncate-entry": File.WriteAllText(entry, File.ReadAllText(entry)[..40]); break;
            case "other-version": File.WriteAllText(entry, File.ReadAllText(entry).Replace(Preprocessor.StageVersion, "preprocess-0")); break;
            case "garbage-entry": File.WriteAllBytes(entry, new byte[] { 0, 1, 2, 3 }); break;
            case "edit-image": File.WriteAllBytes(first.StandardizedPath, goodStd.Take(goodStd.Length - 10).ToArray()); break;
            case "delete-image": File.Delete(first.RankingPath); break;
        }
        var again = preprocessor.Process(photo);
        Assert.False(again.FromCache);
        Assert.Equal(goodStd, File.ReadAllBytes(again.StandardizedPath));
        Assert.True(preprocessor.Process(photo).FromCache);
    }

    [Fact]
    public void Other_options_are_another_cache_key()
    {
        var (photo, _, _) = Prime();
        var smaller = new Preprocessor(_fixture.Layout, new PreprocessOptions { StandardizedLongEdge = 512 }).Process(photo);
        Assert.False(smaller.FromCache);
        Assert.Equal(512, smaller.StandardizedWidth);
    }

    [Fact]
    public void An_entry_naming_files_outside_the_workspace_is_not_trusted()
    {
        var (photo, preprocessor, _) = Prime();
        var entry = EntryPath(preprocessor, photo);
        File.WriteAllText(entry, File.ReadAllText(entry).Replace("\"path\": \"data/", "\"path\": \"../../data/"));
        Assert.False(preprocessor.Process(photo).FromCache);
    }

    public void Dispose() => _fixture.Dispose();
}
