using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>ingest_input.json: written by New-PhotoBatchInput, read by Import-PhotoBatch -BatchFile.</summary>
public sealed class BatchInputFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Uris_absolute_and_relative_paths_resolve_against_the_batch_file()
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
        var loaded = BatchInputFile.Load(path);
        Assert.Equal(new[] { _temp.File("a b/ü.jpg"), _temp.File("batch/rel/x.jpg"), _temp.File("abs.jpg") }, loaded.ResolvePaths(path));
        Assert.Equal("autumn", loaded.ThemeSpecRef);
        Assert.Equal(new[] { "a.jpg" }, loaded.UserOverrides.LockIn);
        Assert.Equal(new[] { "b.jpg" }, loaded.UserOverrides.Exclude);
        Assert.Contains("\"photo_uris\"", File.ReadAllText(path));
    }

    [Fact]
    public void Missing_lists_load_as_empty()
    {
        var path = _temp.File("ingest_input.json");
        File.WriteAllText(path, "{ \"format\": 1, \"batch_id\": \"b\", \"photo_uris\": null, \"user_overrides\": null }");
        var loaded = BatchInputFile.Load(path);
        Assert.Empty(loaded.PhotoUris);
        Assert.Empty(loaded.UserOverrides.LockIn);
    }

    [Fact]
    public void An_unsafe_batch_id_is_refused()
    {
        var path = _temp.File("ingest_input.json");
        File.WriteAllText(path, "{ \"batch_id\": \"bad id!\" }");
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
        File.WriteAllText(path, "{ \"format\": 2, \"batch_id\": \"b\" }");
        Assert.Contains("format 2", Assert.Throws<InvalidDataException>(() => BatchInputFile.Load(path)).Message);
    }

    public void Dispose() => _temp.Dispose();
}
