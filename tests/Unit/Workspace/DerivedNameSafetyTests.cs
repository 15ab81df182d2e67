using System.Text;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>
/// Derived names <c>&lt;stem&gt;_&lt;8 hex&gt;&lt;suffix&gt;</c> (docs/architecture.md#workspace-and-cache) must be writable on every
/// file system the module runs on, whatever the original was called.
/// </summary>
public sealed class DerivedNameSafetyTests
{
    private const string Id = "sha256:89abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Composed_and_decomposed_accents_give_the_same_name()
    {
        // macOS file systems hand out decomposed (NFD) names; the same photo copied from Windows is NFC.
        var nfc = "Caf\u00e9 M\u00fcller.jpg";
        var nfd = nfc.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(nfc, nfd);
        Assert.Equal(DerivedFileName.For("/a/" + nfc, Id, ".jpg"), DerivedFileName.For("/b/" + nfd, Id, ".jpg"));
        Assert.Equal("Café_Müller_89abcdef.jpg", DerivedFileName.For("/a/" + nfd, Id, ".jpg"));
    }

    [Theory]
    [InlineData("a:b*c?d\"e<f>g|h.jpg", "a_b_c_d_e_f_g_h")]   // characters Windows forbids
    [InlineData("tab\there\u0001.jpg", "tab_here")]             // control characters
    [InlineData(".hidden.jpg", "hidden")]                       // no derived file may be hidden
    [InlineData("trailing. .jpg", "trailing")]                 // Windows drops trailing dots and spaces
    [InlineData("   .jpg", "photo")]
    [InlineData("Ωμέγα_№5.jpg", "Ωμέγα_5")]
    public void Unsafe_characters_become_underscores(string fileName, string stem) =>
        Assert.Equal(stem + "_89abcdef_std.jpg", DerivedFileName.For("/x/" + fileName, Id, "_std.jpg"));

    [Fact]
    public void Equal_stems_with_different_ids_differ_and_equal_ids_agree()
    {
        var a = DerivedFileName.For("/day1/P001.jpg", "sha256:11111111" + new string('0', 56), ".jpg");
        var b = DerivedFileName.For("/day2/P001.jpg", "sha256:22222222" + new string('0', 56), ".jpg");
        Assert.Equal("P001_11111111.jpg", a);
        Assert.Equal("P001_22222222.jpg", b);
        Assert.Equal(a, DerivedFileName.For("/elsewhere/P001.JPG", "sha256:11111111" + new string('f', 56), ".jpg"));
    }

    /// <summary>
    /// Was an engine bug (fixed): DerivedFileName.SafeStem caps the stem at 80 UTF-16 chars,
    /// not bytes. File names are limited to 255 bytes (ext4, APFS, tmpfs), so an original named with 81
    /// CJK characters (247 UTF-8 bytes, a legal name) gets a derived name of 80 × 3 + 17 = 257 bytes, and
    /// Invoke-Preprocess fails with WriteFailed ("path is too long").
    /// </summary>
    [Fact]
    public void A_long_non_latin_name_still_gives_a_writable_derived_file()
    {
        var fileName = new string('写', 81) + ".jpg";
        Assert.True(Encoding.UTF8.GetByteCount(fileName) <= 255);
        foreach (var suffix in new[] { ".jpg", "_std.jpg" })
        {
            var derived = DerivedFileName.For("/shoot/" + fileName, Id, suffix);
            Assert.True(Encoding.UTF8.GetByteCount(derived) <= 255, $"{Encoding.UTF8.GetByteCount(derived)} bytes: {derived}");
            // The temporary file AtomicFile writes first is longer still: ".<name>.<12 hex>.tmp".
            Assert.True(Encoding.UTF8.GetByteCount(derived) + 18 <= 255, $"temporary name of {derived} is too long");
        }

        using var temp = new TempFolder();
        var path = TestImages.WriteJpeg(temp.File(fileName));
        var result = new Preprocessor(new WorkspaceLayout(temp.File("ws")), new PreprocessOptions()).Process(TestImages.Inspect(path));
        Assert.True(File.Exists(result.StandardizedPath));
    }
}
