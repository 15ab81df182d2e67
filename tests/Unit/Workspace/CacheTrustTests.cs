using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>
/// docs/architecture.md#workspace-and-cache: a cache entry is trusted only when it and every file it vouches for are intact; a hit
/// rewrites nothing; two runs on one workspace at once corrupt nothing.
/// </summary>
public sealed class CacheTrustTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly WorkspaceLayout _layout;

    public CacheTrustTests() => _layout = new WorkspaceLayout(_temp.File("ws"));

    private string EntryPath(Preprocessor preprocessor, Photo photo) =>
        new StageCache(_layout, Preprocessor.StageName, Preprocessor.StageVersion).EntryPath(preprocessor.CacheKey(photo.PhotoId));

    [Fact]
    public void A_hit_rewrites_neither_the_images_nor_the_entry()
    {
        var photo = TestImages.Inspect(TestImages.WriteJpeg(_temp.File("a.jpg"), 900, 600));
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        var first = preprocessor.Process(photo);
        var entry = EntryPath(preprocessor, photo);
        var old = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in new[] { first.RankingPath, first.StandardizedPath, entry }) File.SetLastWriteTimeUtc(file, old);
        var bytes = new[] { first.RankingPath, first.StandardizedPath, entry }.Select(File.ReadAllBytes).ToList();

        var second = new Preprocessor(_layout, new PreprocessOptions()).Process(photo); // a new run, same workspace

        Assert.True(second.FromCache);
        Assert.Equal((first.RankingWidth, first.StandardizedWidth, first.ProcessingMethod), (second.RankingWidth, second.StandardizedWidth, second.ProcessingMethod));
        foreach (var file in new[] { first.RankingPath, first.StandardizedPath, entry }) Assert.Equal(old, File.GetLastWriteTimeUtc(file));
        Assert.Equal(bytes, new[] { first.RankingPath, first.StandardizedPath, entry }.Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public void The_entry_is_keyed_by_photo_stage_version_and_parameters()
    {
        var a = StageCache.Key("sha256:aa", "preprocess", "preprocess-1", "p", "");
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.Equal(a, StageCache.Key("sha256:aa", "preprocess", "preprocess-1", "p", ""));
        Assert.NotEqual(a, StageCache.Key("sha256:ab", "preprocess", "preprocess-1", "p", ""));
        Assert.NotEqual(a, StageCache.Key("sha256:aa", "features", "preprocess-1", "p", ""));
        Assert.NotEqual(a, StageCache.Key("sha256:aa", "preprocess", "preprocess-2", "p", ""));
        Assert.NotEqual(a, StageCache.Key("sha256:aa", "preprocess", "preprocess-1", "q", ""));
        Assert.NotEqual(a, StageCache.Key("sha256:aa", "preprocess", "preprocess-1", "p", "clip"));
        // Parts are length-prefixed: moving a character across a boundary is another key.
        Assert.NotEqual(StageCache.Key("ab", "c", "", "", ""), StageCache.Key("a", "bc", "", "", ""));
        Assert.NotEqual(new PreprocessOptions().ParametersHash, new PreprocessOptions { JpegQuality = 95 }.ParametersHash);
        Assert.Equal(new PreprocessOptions().ParametersHash, new PreprocessOptions { MaxMegapixels = 10 }.ParametersHash);
    }

    [Fact]
    public void An_entry_written_for_another_key_is_not_used()
    {
        var a = TestImages.Inspect(TestImages.WriteJpeg(_temp.File("a.jpg"), seed: 1));
        var b = TestImages.Inspect(TestImages.WriteJpeg(_temp.File("b.jpg"), seed: 2));
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        preprocessor.Process(a);
        // Copy a's (valid) entry to where b's would be: its recorded key does not match, so b is computed.
        var entryB = EntryPath(preprocessor, b);
        Directory.CreateDirectory(Path.GetDirectoryName(entryB)!);
        File.Copy(EntryPath(preprocessor, a), entryB);
        var result = preprocessor.Process(b);
        Assert.False(result.FromCache);
        Assert.Contains(b.PhotoId[7..15], result.StandardizedPath);
    }

    [Fact]
    public void Two_runs_on_one_workspace_at_once_leave_valid_files_and_a_valid_cache()
    {
        var photos = Enumerable.Range(1, 4).Select(i => TestImages.Inspect(TestImages.WriteJpeg(_temp.File($"p{i}.jpg"), 700, 500, seed: i))).ToList();
        var results = new PhotoPreprocess[2][];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, run =>
        {
            var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
            results[run] = photos.Select(p => preprocessor.Process(p)).ToArray();
        });

        for (var i = 0; i < photos.Count; i++)
        {
            Assert.Equal(results[0][i].StandardizedPath, results[1][i].StandardizedPath);
            using var std = Image.Load<Rgb24>(results[0][i].StandardizedPath);
            Assert.Equal((700, 500), (std.Width, std.Height));
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(_layout.Root, "*", SearchOption.AllDirectories), AtomicFile.IsTempFile);
        var again = new Preprocessor(_layout, new PreprocessOptions());
        Assert.All(photos, p => Assert.True(again.Process(p).FromCache));
    }

    /// <summary>
    /// Was an engine bug (fixed): StageCache.TryGet only guards against exceptions while
    /// parsing; an entry that parses but carries nulls or short arrays (a hand edit, a disk error that
    /// leaves valid JSON, another tool's writer) throws NullReferenceException / IndexOutOfRangeException
    /// out of Preprocessor.Process instead of being recomputed ("never trusted").
    /// </summary>
    [Theory]
    [InlineData("files-null")]
    [InlineData("file-entry-null")]
    [InlineData("size-empty")]
    [InlineData("ranking-path-null")]
    public void An_entry_that_parses_but_is_incomplete_is_recomputed(string damage)
    {
        var photo = TestImages.Inspect(TestImages.WriteJpeg(_temp.File("a.jpg")));
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        var first = preprocessor.Process(photo);
        var entry = EntryPath(preprocessor, photo);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(entry))!.AsObject();
        switch (damage)
        {
            case "files-null": json["files"] = null; break;
            case "file-entry-null": json["files"]!.AsArray()[0] = null; break;
            case "size-empty": json["payload"]!["original_size"] = new System.Text.Json.Nodes.JsonArray(); break;
            default: json["payload"]!["ranking_path"] = null; break;
        }
        File.WriteAllText(entry, json.ToJsonString());

        var again = preprocessor.Process(photo);

        Assert.False(again.FromCache);
        Assert.Equal(File.ReadAllBytes(first.StandardizedPath), File.ReadAllBytes(again.StandardizedPath));
    }

    /// <summary>
    /// Was an engine bug (fixed): StageCache.ToFullPath checks
    /// <c>full.StartsWith(_layout.Root)</c> without a separator, so a hand-edited entry may vouch for a
    /// file in a sibling folder whose name starts with the workspace's (<c>ws</c> → <c>ws-old</c>),
    /// contrary to "a hand-edited entry must not make us read (or vouch for) files outside the workspace".
    /// </summary>
    [Fact]
    public void An_entry_naming_a_file_in_a_sibling_folder_with_the_same_prefix_is_not_trusted()
    {
        var photo = TestImages.Inspect(TestImages.WriteJpeg(_temp.File("a.jpg")));
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        var first = preprocessor.Process(photo);
        var sibling = _temp.File("ws-old");
        var relative = WorkspacePaths.ToRelative(_layout, first.StandardizedPath);
        var outside = Path.Combine(sibling, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        File.Copy(first.StandardizedPath, outside);
        var entry = EntryPath(preprocessor, photo);
        File.WriteAllText(entry, File.ReadAllText(entry).Replace($"\"path\": \"{relative}\"", $"\"path\": \"../ws-old/{relative}\""));
        Assert.Contains("../ws-old/", File.ReadAllText(entry));

        Assert.False(preprocessor.Process(photo).FromCache);
    }

    /// <summary>
    /// Was an engine bug (fixed; found by the Pester crash-safety suite): an entry edited by hand into
    /// other valid, complete JSON (a size changed, a field renamed so it reads as absent) was trusted,
    /// because only the files it vouches for were checked, not the payload itself.
    /// </summary>
    [Theory]
    [InlineData("size-changed")]
    [InlineData("method-changed")]
    [InlineData("field-renamed")]
    [InlineData("truncated")]
    public void An_entry_edited_or_cut_by_hand_is_recomputed_to_the_same_result(string damage)
    {
        var photo = TestImages.Inspect(TestImages.WriteJpeg(_temp.File("a.jpg")));
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        var first = preprocessor.Process(photo);
        var entry = EntryPath(preprocessor, photo);
        var text = File.ReadAllText(entry);
        var edited = damage switch
        {
            "size-changed" => System.Text.RegularExpressions.Regex.Replace(text, "\"ranking_size\":\\s*\\[\\s*\\d+", "\"ranking_size\": [7"),
            "method-changed" => text.Replace("lanczos3", "bicubic"),
            "field-renamed" => text.Replace("\"processing_method\"", "\"processing_methodx\""),
            _ => text[..(text.Length / 2)],
        };
        Assert.NotEqual(text, edited);
        File.WriteAllText(entry, edited);

        var again = preprocessor.Process(photo);

        Assert.False(again.FromCache);
        Assert.Equal((first.RankingWidth, first.RankingHeight, first.ProcessingMethod), (again.RankingWidth, again.RankingHeight, again.ProcessingMethod));
        Assert.Equal(text, File.ReadAllText(entry));
        Assert.True(preprocessor.Process(photo).FromCache);
    }

    public void Dispose() => _temp.Dispose();
}
