using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>
/// Stage JSON and ingest_input.json name originals by file:// URI (docs/architecture.md#stage-documents); reading a URI back
/// must give the very file it was written for, whatever characters its name holds (docs/architecture.md#inputs-that-must-work:
/// "file names with spaces and non-ASCII characters").
/// </summary>
public sealed class FileUriRoundTripTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("a b.jpg")]
    [InlineData("Fluß ü 東京.jpg")]
    [InlineData("photo #1.jpg")]
    [InlineData("100% crop.jpg")]
    [InlineData("what?.jpg")]
    [InlineData("[2024] a;b,c=d&e+f.jpg")]
    [InlineData("a%20b.jpg")]
    [InlineData("a%2Fb.jpg")]
    public void A_path_survives_the_trip_through_a_file_uri(string name)
    {
        var path = Path.Combine(_temp.Path, "sub dir", name);
        var uri = WorkspacePaths.ToFileUri(path);
        Assert.StartsWith("file:///", uri);
        Assert.DoesNotContain(' ', uri);
        Assert.Equal(path, WorkspacePaths.FromUriOrPath(uri, "/elsewhere"));
    }

    /// <summary>
    /// Was an engine bug (fixed): ToFileUri turned '\' into '/' on every platform, so on Unix the file
    /// 'up\..\..\escape.jpg' got a URI naming '../../escape.jpg', another file outside the folder.
    /// </summary>
    [Fact]
    public void A_backslash_in_a_unix_file_name_stays_part_of_the_name()
    {
        if (Path.DirectorySeparatorChar == '\\') return; // a separator on Windows: nothing to check there
        var path = Path.Combine(_temp.Path, "sub", "up\\..\\..\\escape.jpg");
        var uri = WorkspacePaths.ToFileUri(path);
        Assert.Contains("up%5C..%5C..%5Cescape.jpg", uri);
        Assert.Equal(path, WorkspacePaths.FromUriOrPath(uri, "/elsewhere"));
    }

    [Fact]
    public void A_batch_file_lists_photos_whose_names_need_escaping_and_resolves_them_back()
    {
        var names = new[] { "photo #1.jpg", "a%20b.jpg", "Fluß.jpg" };
        var paths = names.Select(n => TestImages.WriteJpeg(Path.Combine(_temp.Path, n))).ToList();
        var file = new BatchInputFile { BatchId = "b", PhotoUris = paths.Select(WorkspacePaths.ToFileUri).ToList() };
        var batchPath = Path.Combine(_temp.Path, "ingest_input.json");
        file.Save(batchPath);
        var resolved = BatchInputFile.Load(batchPath).ResolvePaths(batchPath).ToList();
        Assert.Equal(paths, resolved);
        Assert.All(resolved, p => Assert.Equal("Jpeg", TestImages.Inspect(p).Format));
    }

    public void Dispose() => _temp.Dispose();
}
