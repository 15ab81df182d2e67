using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>
/// ingest_input.json: written by New-PhotoBatchInput in the batch contract's shape, read by
/// Import-PhotoBatch -BatchFile in that shape and the older one; anything else is refused with the
/// file, the line and the key.
/// </summary>
public sealed class BatchInputFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Writes_the_contract_shape_and_reads_it_back_with_uris_absolute_and_relative_paths()
    {
        var file = new BatchInputFile
        {
            BatchId = "w",
            PhotoUris = { WorkspacePaths.ToFileUri(_temp.File("a b/ü.jpg")), "rel/x.jpg", _temp.File("abs.jpg") },
            ThemeSpecRef = "autumn",
            UserOverrides = { LockIn = { "a.jpg" }, Exclude = { "b.jpg" } },
        };
        var path = _temp.File("batch/ingest_input.json");
        file.Save(path);
        var text = File.ReadAllText(path);
        Assert.StartsWith("{\n  \"batch_id\": \"w\",\n  \"photos\": [\n    {\n      \"uri\": \"file:///", text, StringComparison.Ordinal);
        Assert.Contains("\"theme_spec_ref\": \"autumn\",\n  \"user_overrides\": {\n    \"lock_in\": [\n      \"a.jpg\"\n    ],\n    \"exclude\": [\n      \"b.jpg\"\n    ]\n  }\n}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("photo_uris", text, StringComparison.Ordinal);
        var loaded = BatchInputFile.Load(path);
        Assert.Equal(new[] { _temp.File("a b/ü.jpg"), _temp.File("batch/rel/x.jpg"), _temp.File("abs.jpg") }, loaded.ResolvePaths(path));
        Assert.Equal("autumn", loaded.ThemeSpecRef);
        Assert.Equal(new[] { "a.jpg" }, loaded.UserOverrides.LockIn);
        Assert.Equal(new[] { "b.jpg" }, loaded.UserOverrides.Exclude);
    }

    [Fact]
    public void Reads_the_seed_shape_and_the_older_photo_uris_shape()
    {
        var seed = _temp.File("seed.json");
        File.WriteAllText(seed, """
            {"batch_id": "s1", "photos": [{"uri": "file:///shoot/a.jpg"}, {"uri": "b.jpg"}], "theme_spec_ref": "travel",
             "user_overrides": {"lock_in": ["a.jpg"], "exclude": []}}
            """);
        var a = BatchInputFile.Load(seed);
        Assert.Equal(new[] { "file:///shoot/a.jpg", "b.jpg" }, a.PhotoUris);
        Assert.Equal("travel", a.ThemeSpecRef);
        Assert.Equal(new[] { "a.jpg" }, a.UserOverrides.LockIn);
        var older = _temp.File("older.json");
        File.WriteAllText(older, "{ \"format\": 1, \"batch_id\": \"b\", \"photo_uris\": [\"x.jpg\"], \"theme_spec_ref\": null, \"user_overrides\": null }");
        var b = BatchInputFile.Load(older);
        Assert.Equal(new[] { "x.jpg" }, b.PhotoUris);
        Assert.Empty(b.UserOverrides.LockIn);
    }

    [Theory]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": [{\"uri\": \"a.jpg\"}],\n  \"lockin\": []\n}", 4, "lockin", "unknown key")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": [\n    {\"uri\": \"a.jpg\"},\n    {\"url\": \"b.jpg\"}\n  ]\n}", 5, "photos[1].url", "unknown key")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": [\n    {\"uri\": 3}\n  ]\n}", 4, "photos[0].uri", "must be a string, not a number")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": \"a.jpg\"\n}", 3, "photos", "must be a list")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": []\n}", 3, "photos", "empty")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photo_uris\": null\n}", 3, "photo_uris", "empty")]
    [InlineData("{ \"batch_id\": \"b\" }", 1, "photos", "missing")]
    [InlineData("{\n  \"photos\": [{\"uri\": \"a.jpg\"}]\n}", 1, "batch_id", "missing")]
    [InlineData("{\n  \"batch_id\": 5,\n  \"photos\": [{\"uri\": \"a.jpg\"}]\n}", 2, "batch_id", "must be a string")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": [{\"uri\": \"a.jpg\"}],\n  \"user_overrides\": {\n    \"lock_in\": [\"a\", 1]\n  }\n}", 5, "user_overrides.lock_in[1]", "must be a string")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": [{\"uri\": \"a.jpg\"}],\n  \"user_overrides\": {\"pin\": []}\n}", 4, "user_overrides.pin", "unknown key")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"photos\": [{\"uri\": \"a.jpg\"}],\n  \"photo_uris\": [\"b.jpg\"]\n}", 4, "photo_uris", "both")]
    [InlineData("{\n  \"batch_id\": \"b\",\n  \"batch_id\": \"c\",\n  \"photos\": [{\"uri\": \"a.jpg\"}]\n}", 3, "batch_id", "given twice")]
    [InlineData("[1, 2]", 1, "(file)", "expected a JSON object")]
    public void Refuses_what_is_not_a_batch_naming_the_file_the_line_and_the_key(string json, int line, string key, string problem)
    {
        var path = _temp.File("ingest_input.json");
        File.WriteAllText(path, json);
        var ex = Assert.Throws<InvalidDataException>(() => BatchInputFile.Load(path));
        Assert.Contains($"Batch file '{path}', line {line}, key '{key}': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsafe_batch_id_is_refused()
    {
        var path = _temp.File("ingest_input.json");
        File.WriteAllText(path, "{ \"batch_id\": \"bad id!\", \"photos\": [{\"uri\": \"a.jpg\"}] }");
        Assert.Throws<ArgumentException>(() => BatchInputFile.Load(path));
    }

    [Fact]
    public void Broken_json_says_where()
    {
        var path = _temp.File("ingest_input.json");
        File.WriteAllText(path, "{\n  \"batch_id\": \"b\",\n  oops\n}");
        var ex = Assert.Throws<InvalidDataException>(() => BatchInputFile.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void Another_format_version_is_refused()
    {
        var path = _temp.File("ingest_input.json");
        File.WriteAllText(path, "{ \"format\": 2, \"batch_id\": \"b\", \"photo_uris\": [\"a.jpg\"] }");
        Assert.Contains("format 2", Assert.Throws<InvalidDataException>(() => BatchInputFile.Load(path)).Message);
    }

    public void Dispose() => _temp.Dispose();
}
