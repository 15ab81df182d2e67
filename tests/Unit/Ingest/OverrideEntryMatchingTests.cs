using PhotoCuration.Engine.Ingest;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>lock_in / exclude entries name photos by file name (wildcards), full path or photo id (≥ 8 hex).</summary>
public sealed class OverrideEntryMatchingTests
{
    private const string Hex = "3f2a9c0d41b7e65a0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b";

    private static Photo P(string path, string hex = Hex) => new()
    {
        Path = path,
        FileName = Path.GetFileName(path),
        PhotoId = "sha256:" + hex,
    };

    private static Photo Apply(UserOverrides overrides, Photo photo)
    {
        overrides.Apply(photo);
        return photo;
    }

    [Theory]
    [InlineData("IMG_0001.jpg")]
    [InlineData("img_0001.JPG")]            // names are matched case-insensitively
    [InlineData("/shoot/day1/IMG_0001.jpg")]
    [InlineData("IMG_*.jpg")]
    [InlineData("img_000?.*")]
    [InlineData("IMG_000[0-3].jpg")]
    [InlineData("sha256:" + Hex)]
    [InlineData("SHA256:3F2A9C0D")]
    [InlineData("3f2a9c0d")]                // exactly 8 hex digits
    [InlineData("3f2a9c0d41b7")]
    [InlineData("  IMG_0001.jpg  ")]        // surrounding blanks are not part of the entry
    public void An_entry_locks_the_photo_it_names(string entry)
    {
        var overrides = new UserOverrides(new[] { entry }, null);
        var photo = Apply(overrides, P("/shoot/day1/IMG_0001.jpg"));
        Assert.True(photo.IsLocked);
        Assert.False(photo.IsExcluded);
        Assert.Empty(overrides.Unmatched());
    }

    [Theory]
    [InlineData("3f2a9c0")]                 // 7 hex digits: too short to name a photo safely
    [InlineData("sha256:3f2a9c0")]
    [InlineData("2a9c0d41b7")]              // not a prefix
    [InlineData("IMG_0001")]                // a stem is not a file name
    [InlineData("/shoot/day2/IMG_0001.jpg")]
    [InlineData("IMG_000[4-9].jpg")]
    [InlineData("day1/IMG_0001.jpg")]       // a partial path is neither a name nor a full path
    [InlineData("3f2a9c0g")]
    public void An_entry_that_names_another_photo_does_not_match_and_is_reported(string entry)
    {
        var overrides = new UserOverrides(null, new[] { entry });
        var photo = Apply(overrides, P("/shoot/day1/IMG_0001.jpg"));
        Assert.False(photo.IsExcluded);
        Assert.Equal(new[] { ("exclude", entry.Trim()) }, overrides.Unmatched());
    }

    [Fact]
    public void Exclude_wins_over_lock_in_and_both_entries_count_as_matched()
    {
        var overrides = new UserOverrides(new[] { "IMG_0001.jpg" }, new[] { "3f2a9c0d" });
        var photo = Apply(overrides, P("/shoot/IMG_0001.jpg"));
        Assert.True(photo.IsExcluded);
        Assert.False(photo.IsLocked);
        Assert.Empty(overrides.Unmatched());
    }

    [Fact]
    public void An_exclusion_set_earlier_is_kept_and_beats_a_lock()
    {
        var photo = P("/shoot/IMG_0001.jpg");
        photo.IsExcluded = true;
        Apply(new UserOverrides(new[] { "IMG_0001.jpg" }, null), photo);
        Assert.True(photo.IsExcluded);
        Assert.False(photo.IsLocked);
    }

    [Fact]
    public void Unmatched_lists_entries_from_both_lists_in_order_and_skips_blanks()
    {
        var overrides = new UserOverrides(new[] { "a.jpg", "", "  ", "IMG_*.jpg", "z.jpg" }, new[] { "b.jpg", null!, "3f2a9c0d" });
        Apply(overrides, P("/shoot/IMG_0001.jpg"));
        Assert.Equal(new[] { "a.jpg", "IMG_*.jpg", "z.jpg" }, overrides.LockIn);
        Assert.Equal(new[] { ("lock_in", "a.jpg"), ("lock_in", "z.jpg"), ("exclude", "b.jpg") }, overrides.Unmatched());
    }

    [Fact]
    public void A_wildcard_entry_can_lock_many_photos()
    {
        var overrides = new UserOverrides(new[] { "*_best.*" }, null);
        var photos = new[] { P("/s/a_best.jpg", "aa" + Hex[2..]), P("/s/b.jpg", "bb" + Hex[2..]), P("/s/c_best.png", "cc" + Hex[2..]) }
            .Select(p => Apply(overrides, p)).ToList();
        Assert.Equal(new[] { true, false, true }, photos.Select(p => p.IsLocked));
    }

    /// <summary>
    /// Was an engine bug (fixed): an entry with '[' is always treated as a wildcard pattern
    /// and matched against the file name only, so a literal name or full path containing brackets
    /// ("IMG_0001 [edit].jpg", "/photos/[2024] Wedding/…") never matches the photo it names and is
    /// reported as unmatched. PowerShell users meet such names daily (Lightroom exports, copies).
    /// </summary>
    [Theory]
    [InlineData("/shoot/IMG_0001 [edit].jpg", "IMG_0001 [edit].jpg")]
    [InlineData("/photos/[2024] Wedding/IMG_0001.jpg", "/photos/[2024] Wedding/IMG_0001.jpg")]
    public void A_literal_name_or_path_with_brackets_names_its_photo(string path, string entry)
    {
        var overrides = new UserOverrides(new[] { entry }, null);
        var photo = Apply(overrides, P(path));
        Assert.True(photo.IsLocked, $"'{entry}' did not lock '{path}'");
        Assert.Empty(overrides.Unmatched());
    }
}
