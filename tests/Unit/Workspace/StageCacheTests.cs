using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Preprocess;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>
/// The content-addressed cache (docs/architecture.md#workspace-and-cache): a re-run with unchanged inputs reads it and writes
/// nothing; an entry that fails to parse, has another version, or vouches for files that changed is
/// recomputed, never trusted.
/// </summary>
public sealed class StageCacheTests : IDisposable
{
    private static readonly DateTime Old = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private readonly PreprocessFixture _fixture = new();

    private (Photo Photo, Preprocessor Preprocessor, PhotoPreprocess First) Prime()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("shoot/c.jpg"), 640, 480);
        var photo = TestImages.Inspect(path);
        var preprocessor = _fixture.Preprocessor();
        var first = preprocessor.Process(photo);
        Assert.False(first.FromCache);
        return (photo, preprocessor, first);
    }

    private string EntryPath(Preprocessor preprocessor, Photo photo) =>
        new StageCache(_fixture.Layout, Preprocessor.StageName, Preprocessor.StageVersion).EntryPath(preprocessor.CacheKey(photo.PhotoId));

    [Fact]
    public void A_rerun_reads_the_cache_and_leaves_every_file_untouched()
    {
        var (photo, preprocessor, first) = Prime();
        var entry = EntryPath(preprocessor, photo);
        var files = new[] { first.RankingPath, first.StandardizedPath, entry };
        foreach (var f in files) File.SetLastWriteTimeUtc(f, Old); // any rewrite would give them a new time
        var bytes = files.Select(File.ReadAllBytes).ToList();

        var second = preprocessor.Process(photo);

        Assert.True(second.FromCache);
        Assert.Equal(first.RankingPath, second.RankingPath);
        Assert.Equal(first.StandardizedPath, second.StandardizedPath);
        Assert.Equal((first.OriginalWidth, first.RankingWidth, first.StandardizedHeight), (second.OriginalWidth, second.RankingWidth, second.StandardizedHeight));
        Assert.Equal(first.ProcessingMethod, second.ProcessingMethod);
        foreach (var (f, b) in files.Zip(bytes))
        {
            Assert.Equal(Old, File.GetLastWriteTimeUtc(f));
            Assert.Equal(b, File.ReadAllBytes(f));
        }
    }

    [Fact]
    public void The_cache_survives_a_new_preprocessor_on_the_same_workspace()
    {
        var (photo, _, _) = Prime();
        Assert.True(_fixture.Preprocessor().Process(photo).FromCache);
    }

    [Fact]
    public void An_exact_duplicate_elsewhere_shares_the_cached_result()
    {
        var (photo, preprocessor, first) = Prime();
        var copy = _fixture.Temp.File("other/c copy.jpg");
        File.Copy(photo.Path, copy);
        var duplicate = preprocessor.Process(TestImages.Inspect(copy));
        Assert.True(duplicate.FromCache);
        Assert.Equal(first.StandardizedPath, duplicate.StandardizedPath);
        Assert.Equal(copy, duplicate.OriginalPath);
    }

    public static TheoryData<string> Damages => new()
    {
        "truncate-entry", "empty-entry", "garbage-entry", "other-stage-version", "other-key",
        "flip-byte-in-std", "shorten-std", "delete-ranking", "delete-std",
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_entry_or_file_is_recomputed_to_the_same_bytes(string damage)
    {
        var (photo, preprocessor, first) = Prime();
        var goodStd = File.ReadAllBytes(first.StandardizedPath);
        var goodRanking = File.ReadAllBytes(first.RankingPath);
        var entry = EntryPath(preprocessor, photo);
        var json = File.ReadAllText(entry);
        switch (damage)
        {
            case "truncate-entry": File.WriteAllText(entry, json[..(json.Length / 2)]); break;
            case "empty-entry": File.WriteAllBytes(entry, Array.Empty<byte>()); break;
            case "garbage-entry": File.WriteAllBytes(entry, new byte[] { 0, 1, 2, 3, 0xFF }); break;
            case "other-stage-version":
                Assert.Contains($"\"stage_version\": \"{Preprocessor.StageVersion}\"", json);
                File.WriteAllText(entry, json.Replace($"\"stage_version\": \"{Preprocessor.StageVersion}\"", "\"stage_version\": \"preprocess-0\""));
                break;
            case "other-key":
                var key = preprocessor.CacheKey(photo.PhotoId);
                File.WriteAllText(entry, json.Replace(key, new string('0', key.Length)));
                break;
            case "flip-byte-in-std":
                var flipped = (byte[])goodStd.Clone();
                flipped[flipped.Length / 2] ^= 0x55; // same size, other content: only the hash can tell
                File.WriteAllBytes(first.StandardizedPath, flipped);
                break;
            case "shorten-std": File.WriteAllBytes(first.StandardizedPath, goodStd[..^10]); break;
            case "delete-ranking": File.Delete(first.RankingPath); break;
            case "delete-std": File.Delete(first.StandardizedPath); break;
        }

        var again = preprocessor.Process(photo);

        Assert.False(again.FromCache);
        Assert.Equal(goodStd, File.ReadAllBytes(again.StandardizedPath));
        Assert.Equal(goodRanking, File.ReadAllBytes(again.RankingPath));
        Assert.True(preprocessor.Process(photo).FromCache); // and the repaired entry is trusted again
    }

    /// <summary>Valid JSON with a field nulled (a hand edit, another tool's writer): not intact, so not trusted.</summary>
    [Fact]
    public void An_entry_whose_file_list_is_null_is_recomputed()
    {
        var (photo, preprocessor, _) = Prime();
        var entry = EntryPath(preprocessor, photo);
        var json = File.ReadAllText(entry);
        var start = json.IndexOf("\"files\": [", StringComparison.Ordinal);
        var end = json.IndexOf(']', start);
        File.WriteAllText(entry, json[..start] + "\"files\": null" + json[(end + 1)..]);
        Assert.False(preprocessor.Process(photo).FromCache);
    }

    [Fact]
    public void Other_options_are_another_cache_key()
    {
        var (photo, preprocessor, _) = Prime();
        var smaller = _fixture.Preprocessor(new PreprocessOptions { StandardizedLongEdge = 512 });
        Assert.NotEqual(preprocessor.CacheKey(photo.PhotoId), smaller.CacheKey(photo.PhotoId));
        var result = smaller.Process(photo);
        Assert.False(result.FromCache);
        Assert.Equal(512, result.StandardizedWidth);
        using var std = PreprocessFixture.Load(result.StandardizedPath);
        Assert.Equal(512, std.Width);
    }

    /// <summary>
    /// The cache key holds the parameters, so results for two option sets are meant to coexist; a stage
    /// JSON written with the first options names its derived files. A run with other options must not
    /// overwrite those files (derived file names carry no trace of the options today).
    /// </summary>
    [Fact]
    public void A_run_with_other_options_does_not_overwrite_the_first_runs_files()
    {
        var (photo, preprocessor, first) = Prime();
        var firstStd = File.ReadAllBytes(first.StandardizedPath);
        _fixture.Preprocessor(new PreprocessOptions { StandardizedLongEdge = 512, RankingLongEdge = 1024 }).Process(photo);

        using (var std = PreprocessFixture.Load(first.StandardizedPath))
        {
            Assert.Equal((first.StandardizedWidth, first.StandardizedHeight), (std.Width, std.Height));
        }
        Assert.Equal(firstStd, File.ReadAllBytes(first.StandardizedPath));
        Assert.True(preprocessor.Process(photo).FromCache);
    }

    [Fact]
    public void A_changed_original_without_a_cache_entry_is_refused()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("shoot/d.jpg"), seed: 1);
        var photo = TestImages.Inspect(path);
        TestImages.WriteJpeg(path, seed: 2);
        Assert.Equal(PhotoErrorIds.FileChanged, Assert.Throws<PhotoInputException>(() => _fixture.Preprocessor().Process(photo)).ErrorId);
    }

    [Fact]
    public void An_entry_naming_files_outside_the_workspace_is_not_trusted()
    {
        var (photo, preprocessor, _) = Prime();
        var entry = EntryPath(preprocessor, photo);
        File.WriteAllText(entry, File.ReadAllText(entry).Replace("\"path\": \"data/", "\"path\": \"../../data/"));
        Assert.False(preprocessor.Process(photo).FromCache);
    }

    /// <summary>
    /// "Outside the workspace" must not be a string-prefix test: <c>…/ws-other</c> starts with <c>…/ws</c>.
    /// Here the entry vouches for copies in a sibling folder while the workspace's own files are gone.
    /// </summary>
    [Fact]
    public void An_entry_naming_files_in_a_sibling_folder_with_the_same_prefix_is_not_trusted()
    {
        var (photo, preprocessor, first) = Prime();
        var sibling = _fixture.Layout.Root + "-other";
        foreach (var file in new[] { first.RankingPath, first.StandardizedPath })
        {
            var copy = Path.Combine(sibling, Path.GetRelativePath(_fixture.Layout.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            File.Delete(file);
        }
        var entry = EntryPath(preprocessor, photo);
        File.WriteAllText(entry, File.ReadAllText(entry).Replace("\"path\": \"data/", "\"path\": \"../ws-other/data/"));

        var result = preprocessor.Process(photo);

        Assert.False(result.FromCache);
        Assert.True(File.Exists(result.RankingPath) && File.Exists(result.StandardizedPath));
    }

    [Fact]
    public void Put_and_TryGet_round_trip_a_payload_and_its_files()
    {
        var layout = _fixture.Layout;
        var cache = new StageCache(layout, "features", "features-1");
        var file = Path.Combine(layout.DataDir, "features", "x.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, new byte[] { 1, 2, 3 });
        var key = StageCache.Key("sha256:ab", "features", "features-1", "p", "m");
        cache.Put(key, "sha256:ab", new Payload { Value = "v" }, new[] { "data/features/x.bin" });
        Assert.Equal("v", cache.TryGet<Payload>(key)!.Value);
        Assert.Null(cache.TryGet<Payload>(StageCache.Key("sha256:ab", "features", "features-1", "p", "other model")));
        Assert.Null(new StageCache(layout, "features", "features-2").TryGet<Payload>(key));
        File.WriteAllBytes(file, new byte[] { 1, 2, 4 });
        Assert.Null(cache.TryGet<Payload>(key));
    }

    [Fact]
    public void Keys_differ_in_every_part_and_are_unambiguous()
    {
        var keys = new[]
        {
            StageCache.Key("id", "s", "v", "p", "m"),
            StageCache.Key("id2", "s", "v", "p", "m"),
            StageCache.Key("id", "s2", "v", "p", "m"),
            StageCache.Key("id", "s", "v2", "p", "m"),
            StageCache.Key("id", "s", "v", "p2", "m"),
            StageCache.Key("id", "s", "v", "p", "m2"),
            StageCache.Key("i", "ds", "v", "p", "m"), // the same characters split differently
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    public sealed class Payload
    {
        public string Value { get; set; } = "";
    }

    public void Dispose() => _fixture.Dispose();
}
