using System.Text;
using PhotoCuration.Engine.Workspace;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Derived files are named <c>&lt;stem&gt;_&lt;first 8 hex of photo_id&gt;&lt;suffix&gt;</c> and cannot escape their folder (docs/architecture.md#workspace-and-cache).</summary>
public sealed class DerivedFileNameTests
{
    private const string Id = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "shoot");

    private static string For(string fileName, string suffix = ".jpg") => DerivedFileName.For(Path.Combine(Folder, fileName), Id, suffix);

    [Theory]
    [InlineData("IMG_0001.jpg", "IMG_0001_01234567.jpg")]
    [InlineData("IMG_0001.JPEG", "IMG_0001_01234567.jpg")]
    [InlineData("写真 [2].jpg", "写真_2_01234567.jpg")]
    [InlineData("Brautpaar am Fluß.jpg", "Brautpaar_am_Fluß_01234567.jpg")]
    [InlineData("Ελληνικά-καλοκαίρι.png", "Ελληνικά-καλοκαίρι_01234567.jpg")]
    [InlineData("..jpg", "photo_01234567.jpg")]
    [InlineData("   .jpg", "photo_01234567.jpg")]
    [InlineData("a:b*c?d\"e<f>g|h.jpg", "a_b_c_d_e_f_g_h_01234567.jpg")]
    public void Names_keep_letters_of_any_script_and_replace_the_rest(string original, string expected) =>
        Assert.Equal(expected, For(original));

    [Fact]
    public void The_suffix_is_appended_after_the_id() =>
        Assert.Equal("IMG_0001_01234567_std.jpg", For("IMG_0001.jpg", "_std.jpg"));

    [Fact]
    public void Decomposed_and_composed_accents_give_the_same_name()
    {
        var composed = "Caf\u00e9.jpg";
        var decomposed = "Cafe\u0301.jpg";
        Assert.Equal(For(composed), For(decomposed));
        Assert.Equal("Café_01234567.jpg".Normalize(NormalizationForm.FormC), For(decomposed));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\windows\\system32")]
    [InlineData("a/b\\c")]
    [InlineData("..")]
    [InlineData("/")]
    public void A_stem_with_separators_or_dot_dot_stays_one_harmless_name(string stem)
    {
        var safe = DerivedFileName.SafeStem(stem);
        Assert.DoesNotContain('/', safe);
        Assert.DoesNotContain('\\', safe);
        Assert.NotEqual("..", safe);
        Assert.False(safe.StartsWith('.'), safe);
        Assert.NotEmpty(safe);
        var combined = Path.GetFullPath(Path.Combine(Folder, safe + "_01234567.jpg"));
        Assert.Equal(Folder, Path.GetDirectoryName(combined));
    }

    [Fact]
    public void Names_are_bounded()
    {
        var name = For(new string('é', 300) + ".jpg");
        Assert.True(name.Length <= 100, $"{name.Length} characters");
        Assert.EndsWith("_01234567.jpg", name);
    }

    [Fact]
    public void The_same_stem_from_two_folders_differs_by_id()
    {
        var a = DerivedFileName.For(Path.Combine(Folder, "day1", "P001.jpg"), "sha256:aaaaaaaa" + new string('0', 56), ".jpg");
        var b = DerivedFileName.For(Path.Combine(Folder, "day2", "P001.jpg"), "sha256:bbbbbbbb" + new string('0', 56), ".jpg");
        Assert.Equal("P001_aaaaaaaa.jpg", a);
        Assert.Equal("P001_bbbbbbbb.jpg", b);
    }
}
