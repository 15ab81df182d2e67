using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

public sealed class FileNamingTests
{
    private const string Id = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("/shoot/IMG_0001.jpg", "IMG_0001_01234567.jpg")]
    [InlineData("/shoot/写真 [2].jpg", "写真_2_01234567.jpg")]
    [InlineData("/shoot/Brautpaar am Fluß.jpg", "Brautpaar_am_Fluß_01234567.jpg")]
    [InlineData("/shoot/..jpg", "photo_01234567.jpg")]
    [InlineData("/shoot/a\\..\\..\\b.jpg", "a_.._.._b_01234567.jpg")]
    public void Derived_names_are_safe_and_keep_letters(string original, string expected) =>
        Assert.Equal(expected, DerivedFileName.For(original, Id, ".jpg"));

    [Fact]
    public void Derived_names_never_contain_separators_and_are_bounded()
    {
        var name = DerivedFileName.For("/x/" + new string('é', 300) + "/../..\\evil.jpg", Id, ".jpg");
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('\\', name);
        Assert.True(name.Length < 100);
    }

    [Fact]
    public void Same_stem_from_two_folders_does_not_collide()
    {
        var a = DerivedFileName.For("/day1/P001.jpg", "sha256:aaaaaaaa" + new string('0', 56), ".jpg");
        var b = DerivedFileName.For("/day2/P001.jpg", "sha256:bbbbbbbb" + new string('0', 56), ".jpg");
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("wedding_a", true)]
    [InlineData("2024-09-14.trip", true)]
    [InlineData("../etc", false)]
    [InlineData("a/b", false)]
    [InlineData(".hidden", false)]
    [InlineData("", false)]
    public void Batch_ids_are_safe_file_names(string id, bool valid)
    {
        if (valid) Assert.Equal(id, BatchIds.Validate(id));
        else Assert.Throws<ArgumentException>(() => BatchIds.Validate(id));
    }

    [Fact]
    public void Folder_names_become_batch_ids()
    {
        Assert.Equal("Hochzeit_Muller_Juni", BatchIds.FromName("Hochzeit Müller (Juni)"));
        Assert.Equal("batch", BatchIds.FromName("写真"));
    }

    [Fact]
    public void Atomic_writes_replace_the_target_and_leave_no_temp_files()
    {
        using var temp = new TempFolder();
        var path = temp.File("sub/stage.json");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two");
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal(new[] { "stage.json" }, Directory.GetFiles(temp.File("sub")).Select(Path.GetFileName));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("fail mid-write")));
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.File("sub")));
    }

    [Fact]
    public void Stage_json_is_snake_case_with_lf_and_a_final_newline()
    {
        var json = StageJson.Serialize(new { BatchId = "b", PhotoIndex = new[] { 1 }, Name = "Müller" });
        Assert.Equal("{\n  \"batch_id\": \"b\",\n  \"photo_index\": [\n    1\n  ],\n  \"name\": \"Müller\"\n}\n", json);
    }
}
