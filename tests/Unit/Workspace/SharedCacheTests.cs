using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>
/// A workspace shared by the workers of a studio (docs/distributed.md#shared-workspace): cache puts are
/// first-writer-wins, readers tolerate a rename over what they read, and the inspection of a file in a
/// library is shared by workers that mount the library at different paths.
/// </summary>
public sealed class SharedCacheTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private sealed class Payload
    {
        public string Value { get; set; } = "";
    }

    [Fact]
    public void A_put_keeps_an_intact_entry_and_replaces_a_damaged_one()
    {
        var cache = new StageCache(new WorkspaceLayout(_temp.File("ws")), "test", "1");
        var key = StageCache.Key("sha256:" + new string('1', 64), "test", "1", "", "");

        Assert.True(cache.Put(key, "p", new Payload { Value = "first" }, Array.Empty<string>()));
        Assert.False(cache.Put(key, "p", new Payload { Value = "second" }, Array.Empty<string>()));
        Assert.Equal("first", cache.TryGet<Payload>(key)!.Value);

        File.WriteAllText(cache.EntryPath(key), "{ damaged");
        Assert.True(cache.Put(key, "p", new Payload { Value = "third" }, Array.Empty<string>()));
        Assert.Equal("third", cache.TryGet<Payload>(key)!.Value);
    }

    [Fact]
    public void A_writer_that_lost_the_put_takes_the_kept_payload_and_removes_the_files_only_it_made()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var cache = new StageCache(layout, "test", "1");
        var key = StageCache.Key("sha256:" + new string('2', 64), "test", "1", "", "");
        string Make(string relative, string text)
        {
            var full = Path.Combine(layout.Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return relative;
        }
        // Two workers ran two names of one photo at once: each made its image, named after its own path.
        var shared = Make("data/shared.txt", "input both read");
        var firstImage = Make("data/a_img.jpg", "pixels");
        var secondImage = Make("data/b_img.jpg", "pixels");
        Assert.True(cache.Put(key, "p", new Payload { Value = "a" }, new[] { shared, firstImage }));
        Assert.False(cache.Put(key, "p", new Payload { Value = "b" }, new[] { shared, secondImage }));

        var kept = cache.Adopt<Payload>(key, new[] { secondImage, firstImage });

        Assert.Equal("a", kept!.Value);
        Assert.False(File.Exists(Path.Combine(layout.Root, secondImage)));
        Assert.True(File.Exists(Path.Combine(layout.Root, firstImage)));
        Assert.True(File.Exists(Path.Combine(layout.Root, shared)));
        Assert.Equal("a", cache.TryGet<Payload>(key)!.Value);
    }

    [Fact]
    public void A_writer_keeps_its_files_when_the_kept_entry_is_not_intact()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var cache = new StageCache(layout, "test", "1");
        var key = StageCache.Key("sha256:" + new string('3', 64), "test", "1", "", "");
        var mine = Path.Combine(layout.Root, "data/b_img.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(mine)!);
        File.WriteAllText(mine, "pixels");
        Directory.CreateDirectory(Path.GetDirectoryName(cache.EntryPath(key))!);
        File.WriteAllText(cache.EntryPath(key), "{ damaged");

        Assert.Null(cache.Adopt<Payload>(key, new[] { "data/b_img.jpg" }));
        Assert.True(File.Exists(mine));
    }

    [Fact]
    public void A_reader_holding_a_file_lets_a_writer_rename_a_new_version_over_it_and_keeps_its_own()
    {
        var path = _temp.File("ws/entry.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old");
        using var reader = SharedRead.Open(path);
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("old", new StreamReader(reader).ReadToEnd());
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void Workers_mounting_a_library_at_different_paths_share_its_inspections()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var time = new DateTime(2019, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var mounts = new[] { "mnt-a", "mnt-b" }.Select(m =>
        {
            var file = TestImages.WriteJpeg(_temp.File($"{m}/2019/a.jpg"), 64, 48);
            File.SetLastWriteTimeUtc(file, time);
            return (Root: Path.GetFullPath(_temp.File(m)), File: file);
        }).ToList();
        var inspector = new PhotoInspector(PhotoInspector.DefaultMaxMegapixels);
        var inspected = new List<string>();
        Photo Inspect((string Root, string File) mount) =>
            new InspectionCache(layout, PhotoInspector.DefaultMaxMegapixels,
                new Engine.Distributed.LibraryRoots(new Dictionary<string, string> { ["archive"] = mount.Root }).ToPortable)
            .Inspect(mount.File, p => { inspected.Add(p); return inspector.Inspect(p); });

        var first = Inspect(mounts[0]);
        var second = Inspect(mounts[1]);

        Assert.Equal(new[] { mounts[0].File }, inspected);
        Assert.Equal(first.PhotoId, second.PhotoId);
        Assert.Equal(Path.GetFullPath(mounts[1].File), second.Path);
        Assert.Equal("a.jpg", second.FileName);
    }

    public void Dispose() => _temp.Dispose();
}
