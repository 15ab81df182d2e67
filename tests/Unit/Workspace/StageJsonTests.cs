using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Stage JSON is snake_case, LF-terminated, deterministic and readable (docs/architecture.md#stage-documents).</summary>
public sealed class StageJsonTests
{
    [Fact]
    public void Is_snake_case_indented_with_lf_and_a_final_newline()
    {
        var json = StageJson.Serialize(new { BatchId = "b", PhotoIndex = new[] { 1 }, Name = "Müller", Note = (string?)null });
        Assert.Equal("{\n  \"batch_id\": \"b\",\n  \"photo_index\": [\n    1\n  ],\n  \"name\": \"Müller\",\n  \"note\": null\n}\n", json);
    }

    [Fact]
    public void Control_characters_and_quotes_are_still_escaped()
    {
        var json = StageJson.Serialize(new { Text = "a\"b\u0001</script>" });
        Assert.Contains("\\\"", json);
        Assert.Contains("\\u0001", json);
        Assert.Equal("a\"b\u0001</script>", StageJson.Deserialize<Holder>(json)!.Text);
    }

    [Fact]
    public void Reads_back_what_it_writes_and_tolerates_comments_and_trailing_commas()
    {
        using var temp = new TempFolder();
        var path = temp.File("x.json");
        StageJson.Write(path, new Holder { Text = "t" });
        Assert.Equal("t", StageJson.Read<Holder>(path)!.Text);
        Assert.Equal("u", StageJson.Deserialize<Holder>("{ // hand-edited\n \"text\": \"u\", }")!.Text);
    }

    public sealed class Holder
    {
        public string Text { get; set; } = "";
    }
}
