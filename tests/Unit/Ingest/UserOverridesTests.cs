using PhotoCuration.Engine.Ingest;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>lock_in / exclude entries name photos by file name, wildcard, full path or id prefix; exclude wins (docs/architecture.md#curation-session).</summary>
public sealed class UserOverridesTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "shoot"));

    private static Photo P(string relative, char idDigit)
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        return new Photo { Path = path, FileName = Path.GetFileName(path), PhotoId = "sha256:" + new string(idDigit, 64) };
    }

    private static (bool Locked, bool Excluded) Apply(UserOverrides overrides, Photo photo)
    {
        overrides.Apply(photo);
        return (photo.IsLocked, photo.IsExcluded);
    }

    [Theory]
    [InlineData("IMG_0001.jpg")]
    [InlineData("img_0001.JPG")]
    [InlineData("  IMG_0001.jpg  ")]
    public void A_file_name_matches_case_insensitively(string entry) =>
        Assert.Equal((true, false), Apply(new UserOverrides(new[] { entry }, null), P("day1/IMG_0001.jpg", 'a')));

    [Theory]
    [InlineData("IMG_*.jpg", true)]
    [InlineData("img_000?.JPG", true)]
    [InlineData("IMG_000[1-3].jpg", true)]
    [InlineData("IMG_000[45].jpg", false)]
    [InlineData("*.png", false)]
    [InlineData("IMG_0001", false)] // a name is the whole name, extension included
    public void Wildcards_match_the_file_name(string entry, bool matches) =>
        Assert.Equal(matches, Apply(new UserOverrides(new[] { entry }, null), P("day1/IMG_0001.jpg", 'a')).Locked);

    [Fact]
    public void A_full_path_names_one_of_two_files_with_the_same_name()
    {
        var day1 = P("day1/P001.jpg", 'a');
        var day2 = P("day2/P001.jpg", 'b');
        var overrides = new UserOverrides(new[] { day2.Path }, null);
        Assert.False(Apply(overrides, day1).Locked);
        Assert.True(Apply(overrides, day2).Locked);
    }

    [Theory]
    [InlineData("sha256:abababababababababababababababababababababababababababababababab", true)]
    [InlineData("SHA256:ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB", true)]
    [InlineData("sha256:abababab", true)]   // 8 hex digits: enough
    [InlineData("abababab", true)]          // the prefix may be left out
    [InlineData("ABABABABABAB", true)]
    [InlineData("sha256:abababa", false)]   // 7 hex digits: too short to be safe
    [InlineData("abababa", false)]
    [InlineData("abababaz", false)]         // not hex
    [InlineData("sha256:abab*", false)]     // no wildcards on ids
    [InlineData("cdcdcdcd", false)]         // another photo's prefix
    public void An_id_prefix_of_at_least_8_hex_digits_matches(string entry, bool matches)
    {
        var photo = new Photo { Path = Path.Combine(Root, "x.jpg"), FileName = "x.jpg", PhotoId = "sha256:" + string.Concat(Enumerable.Repeat("ab", 32)) };
        Assert.Equal(matches, Apply(new UserOverrides(new[] { entry }, null), photo).Locked);
    }

    [Fact]
    public void Exclude_wins_over_lock_and_both_entries_count_as_matched()
    {
        var overrides = new UserOverrides(new[] { "IMG_0005.jpg" }, new[] { "IMG_000[45].jpg" });
        Assert.Equal((false, true), Apply(overrides, P("IMG_0005.jpg", 'e')));
        Assert.Empty(overrides.Unmatched());
    }

    [Fact]
    public void A_photo_excluded_earlier_stays_excluded_and_is_never_locked()
    {
        var photo = P("IMG_0001.jpg", 'a');
        photo.IsExcluded = true;
        Assert.Equal((false, true), Apply(new UserOverrides(new[] { "IMG_0001.jpg" }, null), photo));
    }

    [Fact]
    public void Entries_that_named_no_photo_are_reported_with_their_list()
    {
        var overrides = new UserOverrides(new[] { "IMG_0001.jpg", "nothing.jpg", "IMG_9*" }, new[] { "IMG_0002.jpg", "gone.jpg" });
        foreach (var photo in new[] { P("IMG_0001.jpg", 'a'), P("IMG_0002.jpg", 'b'), P("IMG_0003.jpg", 'c') }) overrides.Apply(photo);
        Assert.Equal(new[] { ("lock_in", "nothing.jpg"), ("lock_in", "IMG_9*"), ("exclude", "gone.jpg") }, overrides.Unmatched());
    }

    [Fact]
    public void Every_matching_entry_counts_not_only_the_first()
    {
        var overrides = new UserOverrides(new[] { "IMG_0001.jpg", "IMG_*", "aaaaaaaa" }, null);
        overrides.Apply(P("IMG_0001.jpg", 'a'));
        Assert.Empty(overrides.Unmatched());
    }

    [Fact]
    public void Blank_entries_are_ignored_and_text_is_kept_trimmed()
    {
        var overrides = new UserOverrides(new[] { "", "   ", " a.jpg " }, null);
        Assert.Equal(new[] { "a.jpg" }, overrides.LockIn);
        Assert.Empty(overrides.Exclude);
        Assert.Equal(new[] { ("lock_in", "a.jpg") }, overrides.Unmatched());
    }

    [Fact]
    public void No_lists_change_nothing()
    {
        var overrides = new UserOverrides(null, null);
        Assert.Equal((false, false), Apply(overrides, P("a.jpg", 'a')));
        Assert.Empty(overrides.Unmatched());
    }
}
