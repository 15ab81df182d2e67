using PhotoCuration.Engine.Review;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>data/overrides/&lt;batch_id&gt;.json: the declarative lock/exclude/axis_emphasis of a batch.</summary>
public sealed class BatchOverridesTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private WorkspaceLayout Layout => new(_temp.Path);

    private static Photo P(string name, char hex) => new() { PhotoId = "sha256:" + new string(hex, 64), FileName = name, Path = "/shoot/" + name };

    [Fact]
    public void Lock_exclude_and_release_move_the_photo_between_the_lists()
    {
        var a = P("IMG_0001.jpg", 'a');
        var o = new BatchOverrides { BatchId = "b1" };
        o.Lock(a);
        Assert.Equal(new[] { a.PhotoId }, o.UserOverrides.LockIn);
        o.Exclude(a);
        Assert.Empty(o.UserOverrides.LockIn);
        Assert.Equal(new[] { a.PhotoId }, o.UserOverrides.Exclude);
        o.Lock(a);
        o.Lock(a);
        Assert.Equal(new[] { a.PhotoId }, o.UserOverrides.LockIn);
        Assert.Empty(o.UserOverrides.Exclude);
        Assert.Equal(new[] { a.PhotoId }, o.Release(a));
        Assert.Empty(o.UserOverrides.LockIn);
    }

    [Fact]
    public void Release_removes_entries_by_name_and_id_prefix_as_ingest_matches_them()
    {
        var a = P("IMG_0001.jpg", 'a');
        var o = new BatchOverrides { BatchId = "b1" };
        o.UserOverrides.LockIn.AddRange(new[] { "IMG_0001.jpg", "IMG_0002.jpg" });
        o.UserOverrides.Exclude.Add("aaaaaaaa");
        Assert.Equal(new[] { "IMG_0001.jpg", "aaaaaaaa" }, o.Release(a));
        Assert.Equal(new[] { "IMG_0002.jpg" }, o.UserOverrides.LockIn);
        Assert.Empty(o.UserOverrides.Exclude);
    }

    [Fact]
    public void Nudges_stay_within_zero_and_the_maximum()
    {
        var o = new BatchOverrides { BatchId = "b1" };
        Assert.Equal(1.25, o.Nudge("time_of_day", 1.0, 0.25));
        Assert.Equal(0, o.Nudge("orientation", 0.1, -0.25));
        Assert.Equal(BatchOverrides.MaxEmphasis, o.Nudge("scene_type", 4.9, 0.25));
        Assert.Throws<ArgumentException>(() => o.Nudge("colour", 1, 0.25));
        var merged = o.EmphasisOver(new Dictionary<string, double> { ["time_of_day"] = 1, ["people_count"] = 0.5 });
        Assert.Equal(1.25, merged["time_of_day"]);
        Assert.Equal(0.5, merged["people_count"]);
        Assert.Equal(0, merged["orientation"]);
    }

    [Fact]
    public void Saves_atomically_and_reads_back_the_same()
    {
        var o = new BatchOverrides { BatchId = "b1" };
        o.Lock(P("x.jpg", 'b'));
        o.Nudge("time_of_day", 1, 0.5);
        var path = BatchOverridesFile.Save(Layout, o);
        Assert.Equal(Path.Combine(_temp.Path, "data", "overrides", "b1.json"), path);
        var text = File.ReadAllText(path);
        Assert.Contains("\"user_overrides\"", text);
        Assert.Contains("\"lock_in\"", text);
        Assert.Contains("\"axis_emphasis\"", text);
        var back = BatchOverridesFile.Load(Layout, "b1")!;
        Assert.Equal(o.UserOverrides.LockIn, back.UserOverrides.LockIn);
        Assert.Equal(1.5, back.AxisEmphasis["time_of_day"]);
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(path)!), AtomicFile.IsTempFile);
    }

    [Theory]
    [InlineData("{\"format\":1,\"batch_id\":\"b1\",\"axis_emphasis\":{\"colour\":1}}", "unknown axis 'colour'")]
    [InlineData("{\"format\":1,\"batch_id\":\"b1\",\"axis_emphasis\":{\"time_of_day\":-1}}", "0 or more")]
    [InlineData("{\"format\":1,\"batch_id\":\"other\"}", "names batch 'other'")]
    [InlineData("{\"format\":2,\"batch_id\":\"b1\"}", "format 2")]
    [InlineData("{\"format\":1,", "not valid JSON")]
    public void A_bad_file_is_refused_with_a_message_naming_it(string json, string expected)
    {
        var path = BatchOverridesFile.PathFor(Layout, "b1");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        var ex = Assert.Throws<InvalidDataException>(() => BatchOverridesFile.Load(Layout, "b1"));
        Assert.Contains(expected, ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Missing_file_is_null_and_a_new_one_is_seeded_from_ingest()
    {
        Assert.Null(BatchOverridesFile.Load(Layout, "b1"));
        StageJson.Write(Layout.StageJsonPath("ingest", "b1"), new PhotoCuration.Engine.Ingest.IngestStageDocument
        {
            BatchId = "b1",
            UserOverrides = new() { LockIn = new() { "IMG_0007.jpg" }, Exclude = new() { "IMG_0012.jpg" } },
        });
        var seeded = BatchOverridesFile.LoadOrSeed(Layout, "b1");
        Assert.Equal(new[] { "IMG_0007.jpg" }, seeded.UserOverrides.LockIn);
        Assert.Equal(new[] { "IMG_0012.jpg" }, seeded.UserOverrides.Exclude);
    }

    [Fact]
    public void Applied_file_replaces_the_import_flags_and_an_excluded_hero_gives_way()
    {
        var hero = P("a.jpg", 'a');
        var second = P("b.jpg", 'b');
        var third = P("c.jpg", 'c');
        third.IsLocked = true; // locked at import, not in the file: the file is the whole truth
        var moment = new PhotoMoment { MomentId = "m_0001", Members = new[] { hero, second, third }, Hero = hero, Alternates = new[] { second, third } };
        var o = new BatchOverrides { BatchId = "b1" };
        o.Exclude(hero);
        var applied = o.ApplyTo(new[] { moment });
        Assert.True(hero.IsExcluded);
        Assert.False(third.IsLocked);
        Assert.Same(second, applied[0].Hero);
        Assert.Equal(new[] { second, third, hero }, applied[0].Members);
        Assert.Equal(new[] { hero, second, third }, moment.Members); // the input moment is left as it was
    }

    public void Dispose() => _temp.Dispose();
}
