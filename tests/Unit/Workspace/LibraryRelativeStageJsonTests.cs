using System.Text.Json.Nodes;
using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>
/// Stage JSON of a run given library roots records originals as <c>archive:/…</c>, and a reader resolves
/// them through the roots it is given, else those the batch recorded: a library moved from one folder to
/// another is read at its new place, and a library with no root is one error per photo.
/// </summary>
public sealed class LibraryRelativeStageJsonTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly WorkspaceLayout _layout;

    public LibraryRelativeStageJsonTests() => _layout = new WorkspaceLayout(_temp.File("ws"));

    private static LibraryRoots Archive(string root) => new(new Dictionary<string, string> { ["archive"] = root });

    /// <summary>Two photos (one a byte-identical copy) and a file that is no image under <paramref name="root"/>/2019, ingested with the roots.</summary>
    private string Ingest(string root, LibraryRoots library)
    {
        Directory.CreateDirectory(Path.Combine(root, "2019", "Dag 1"));
        var a = TestImages.WriteJpeg(Path.Combine(root, "2019", "Dag 1", "IMG_ÅÄÖ.jpg"), seed: 1);
        var b = TestImages.WriteJpeg(Path.Combine(root, "2019", "IMG_0002.jpg"), seed: 2);
        File.Copy(a, Path.Combine(root, "2019", "copy.jpg"));
        var bad = Path.Combine(root, "2019", "notes.jpg");
        File.WriteAllText(bad, "not an image");
        var batch = new BatchIngest("b1", _layout, new UserOverrides(null, null), null, library);
        foreach (var path in new[] { a, b, Path.Combine(root, "2019", "copy.jpg") }) batch.Accept(TestImages.Inspect(path));
        batch.Reject(bad, PhotoErrorIds.NotAnImage, "notes.jpg is not an image");
        return batch.WriteStageJson();
    }

    private (List<Photo> Photos, List<PhotoInputException> Problems) Read(LibraryRoots? library)
    {
        var problems = new List<PhotoInputException>();
        var photos = StageImporter.Import(_layout.StageJsonPath("ingest", "b1"), _layout.Root, includeDropped: true, problems.Add, _ => { }, library).Cast<Photo>().ToList();
        return (photos, problems);
    }

    [Fact]
    public void Originals_errors_and_duplicates_are_recorded_library_relative_with_forward_slashes()
    {
        var root = _temp.File("A");
        var json = JsonNode.Parse(File.ReadAllText(Ingest(root, Archive(root))))!;

        var uris = json["photo_index"]!.AsArray().Select(e => (string)e!["uri"]!).ToList();
        Assert.Equal(new[] { "archive:/2019/Dag 1/IMG_ÅÄÖ.jpg", "archive:/2019/IMG_0002.jpg", "archive:/2019/copy.jpg" }, uris);
        // One of the two byte-identical files is the other's duplicate, named in the same form.
        var duplicates = json["photo_index"]!.AsArray().Select(e => (string?)e!["duplicate_of"]).Where(d => d is not null).ToList();
        Assert.Single(duplicates);
        Assert.Contains(duplicates[0], new[] { "archive:/2019/Dag 1/IMG_ÅÄÖ.jpg", "archive:/2019/copy.jpg" });
        Assert.Equal("archive:/2019/notes.jpg", (string)json["errors"]![0]!["uri"]!);
        Assert.DoesNotContain(root, File.ReadAllText(_layout.StageJsonPath("ingest", "b1")));
        // The run's roots are recorded for later steps without -Library.
        Assert.Equal(Path.GetFullPath(root), (string)JsonNode.Parse(File.ReadAllText(LibraryManifest.PathOf(_layout, "b1")))!["libraries"]!["archive"]!);
    }

    [Fact]
    public void A_moved_library_is_read_at_its_new_place_through_the_roots_given_to_the_reader()
    {
        var a = _temp.File("A");
        Ingest(a, Archive(a));
        var b = _temp.File("B");
        Directory.Move(a, b);

        var (photos, problems) = Read(Archive(b));

        Assert.Empty(problems);
        Assert.Equal(new[] { Path.Combine(b, "2019", "Dag 1", "IMG_ÅÄÖ.jpg"), Path.Combine(b, "2019", "IMG_0002.jpg"), Path.Combine(b, "2019", "copy.jpg") }, photos.Select(p => p.Path));
        Assert.All(photos, p => Assert.True(File.Exists(p.Path)));
        Assert.Equal("archive:/2019/IMG_0002.jpg", photos[1].LibraryPath);
        Assert.Contains(photos, p => p.DuplicateOf is { } d && d.StartsWith(Path.Combine(b, "2019"), StringComparison.Ordinal) && File.Exists(d));
        // The photo id is still the bytes' hash: the moved files are the same photos.
        Assert.Equal(TestImages.Inspect(photos[1].Path).PhotoId, photos[1].PhotoId);
    }

    [Fact]
    public void Without_roots_the_reader_uses_the_recorded_ones_and_without_those_each_photo_is_an_unknown_library_error()
    {
        var a = _temp.File("A");
        Ingest(a, Archive(a));

        var (recorded, none) = Read(null);
        Assert.Empty(none);
        Assert.Equal(Path.Combine(a, "2019", "IMG_0002.jpg"), recorded[1].Path);

        File.Delete(LibraryManifest.PathOf(_layout, "b1"));
        var (photos, problems) = Read(null);
        Assert.Empty(photos);
        // One error per photo (the two byte-identical files are one photo), each naming its original.
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(PhotoErrorIds.UnknownLibrary, p.ErrorId));
        Assert.Contains(problems, p => p.FilePath == "archive:/2019/IMG_0002.jpg");

        // Another library's roots do not stand in for it.
        var (other, otherProblems) = Read(new LibraryRoots(new Dictionary<string, string> { ["studio"] = a }));
        Assert.Empty(other);
        Assert.Equal(2, otherProblems.Count);
    }

    [Fact]
    public void A_recorded_root_the_library_left_is_not_used_each_photo_is_an_unknown_library_error_naming_library()
    {
        var a = _temp.File("A");
        Ingest(a, Archive(a));
        Directory.Move(a, _temp.File("B"));

        var (photos, problems) = Read(null);

        // Not a missing file at the old place: the reader says which -Library to give.
        Assert.Empty(photos);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(PhotoErrorIds.UnknownLibrary, p.ErrorId));
        Assert.All(problems, p => Assert.Contains("-Library @{ archive = ", p.Message));
    }

    [Fact]
    public void Without_roots_nothing_changes_originals_are_file_uris_and_no_library_is_recorded()
    {
        var root = _temp.File("A");
        var withNone = File.ReadAllText(Ingest(root, LibraryRoots.None));
        var path = Path.Combine(root, "2019", "IMG_0002.jpg");
        Assert.Contains("\"uri\": \"" + WorkspacePaths.ToFileUri(path) + "\"", withNone);
        Assert.False(File.Exists(LibraryManifest.PathOf(_layout, "b1")));
        // A root the photos are not under leaves them as they were, byte for byte.
        var elsewhere = Ingest2(root, Archive(_temp.File("elsewhere")));
        Assert.Equal(withNone, elsewhere);
    }

    /// <summary>Ingests the same files again (already on disk) into the same batch with other roots.</summary>
    private string Ingest2(string root, LibraryRoots library)
    {
        var batch = new BatchIngest("b1", _layout, new UserOverrides(null, null), null, library);
        foreach (var path in new[] { Path.Combine(root, "2019", "Dag 1", "IMG_ÅÄÖ.jpg"), Path.Combine(root, "2019", "IMG_0002.jpg"), Path.Combine(root, "2019", "copy.jpg") }) batch.Accept(TestImages.Inspect(path));
        batch.Reject(Path.Combine(root, "2019", "notes.jpg"), PhotoErrorIds.NotAnImage, "notes.jpg is not an image");
        return File.ReadAllText(batch.WriteStageJson());
    }

    public void Dispose() => _temp.Dispose();
}
