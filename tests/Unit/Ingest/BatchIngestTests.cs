using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

public sealed class BatchIngestTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private (BatchIngest Batch, List<Photo> Photos) Ingest(UserOverrides overrides, params string[] paths)
    {
        var batch = new BatchIngest("b1", new WorkspaceLayout(_temp.File("ws")), overrides, null);
        var photos = paths.Select(p => batch.Accept(TestImages.Inspect(p))).ToList();
        return (batch, photos);
    }

    [Fact]
    public void A_byte_identical_file_is_a_duplicate_of_the_first()
    {
        var a = TestImages.WriteJpeg(_temp.File("a.jpg"), seed: 1);
        Directory.CreateDirectory(_temp.File("sub"));
        var copy = _temp.File(Path.Combine("sub", "a copy.jpg"));
        File.Copy(a, copy);
        var b = TestImages.WriteJpeg(_temp.File("b.jpg"), seed: 2);
        var (batch, photos) = Ingest(new UserOverrides(null, null), a, b, copy);
        Assert.Null(photos[0].DuplicateOf);
        Assert.Null(photos[1].DuplicateOf);
        Assert.Equal(photos[0].Path, photos[2].DuplicateOf);
        Assert.Equal(photos[0].PhotoId, photos[2].PhotoId);
        Assert.Equal(1, batch.DuplicateCount);
        Assert.All(photos, p => Assert.Equal("b1", p.BatchId));
    }

    [Fact]
    public void Overrides_match_names_wildcards_paths_and_ids_and_exclude_wins()
    {
        var paths = Enumerable.Range(1, 5).Select(i => TestImages.WriteJpeg(_temp.File($"IMG_{i:0000}.jpg"), seed: i)).ToArray();
        var idOfThird = TestImages.Inspect(paths[2]).PhotoId;
        var overrides = new UserOverrides(
            lockIn: new[] { "img_0001.JPG", paths[1], idOfThird[..15], "IMG_0005.jpg", "nothing.jpg" },
            exclude: new[] { "IMG_000[45].jpg" });
        var (_, photos) = Ingest(overrides, paths);
        Assert.Equal(new[] { true, true, true, false, false }, photos.Select(p => p.IsLocked));
        Assert.Equal(new[] { false, false, false, true, true }, photos.Select(p => p.IsExcluded));
        Assert.Equal(new[] { ("lock_in", "nothing.jpg") }, overrides.Unmatched());
    }

    [Fact]
    public void Short_id_prefixes_do_not_match()
    {
        var path = TestImages.WriteJpeg(_temp.File("x.jpg"));
        var id = TestImages.Inspect(path).PhotoId;
        var (_, photos) = Ingest(new UserOverrides(new[] { id[7..12] }, null), path);
        Assert.False(photos[0].IsLocked);
    }

    [Fact]
    public void The_stage_document_is_complete_and_its_key_stable()
    {
        var a = TestImages.WriteJpeg(_temp.File("a.jpg"));
        var (batch1, _) = Ingest(new UserOverrides(new[] { "a.jpg" }, null), a);
        batch1.Reject(_temp.File("bad.jpg"), PhotoErrorIds.NotAnImage, "bad.jpg is not an image");
        var (batch2, _) = Ingest(new UserOverrides(new[] { "a.jpg" }, null), a);
        batch2.Reject(_temp.File("bad.jpg"), PhotoErrorIds.NotAnImage, "bad.jpg is not an image");
        var doc = batch1.ToDocument();
        Assert.Equal("b1", doc.BatchId);
        Assert.Single(doc.PhotoIndex);
        Assert.True(doc.PhotoIndex[0].Locked);
        Assert.StartsWith("file://", doc.PhotoIndex[0].Uri);
        Assert.Equal("NotAnImage", doc.Errors.Single().ErrorId);
        Assert.Equal(doc.IdempotencyKey, batch2.ToDocument().IdempotencyKey);
        Assert.Equal(StageJson.Serialize(doc), StageJson.Serialize(batch2.ToDocument()));
    }

    [Fact]
    public void Exif_survives_the_stage_json_round_trip()
    {
        var exif = new PhotoExif
        {
            CaptureTimeLocal = new DateTime(2024, 9, 14, 8, 12, 5, 250),
            CaptureOffset = TimeSpan.FromMinutes(-330),
            CameraModel = "X-T5",
            FNumber = 1.4,
            Orientation = 6,
        };
        var json = StageJson.Serialize(ExifRecord.From(exif));
        Assert.Contains("\"capture_time\": \"2024-09-14T08:12:05.25\"", json);
        Assert.Contains("\"capture_offset\": \"-05:30\"", json);
        var back = StageJson.Deserialize<ExifRecord>(json)!.ToExif();
        Assert.Equal(exif.CaptureTime, back.CaptureTime);
        Assert.Equal("X-T5", back.CameraModel);
        Assert.Equal(6, back.Orientation);
    }

    [Fact]
    public void Scanner_skips_hidden_entries_and_non_photos_and_sorts()
    {
        TestImages.WriteJpeg(_temp.File("b.jpg"));
        TestImages.WriteJpeg(_temp.File("A.JPG"));
        TestImages.WriteJpeg(_temp.File("._b.jpg"));
        File.WriteAllText(_temp.File("b.xmp"), "<x/>");
        Directory.CreateDirectory(_temp.File(".thumbnails"));
        TestImages.WriteJpeg(_temp.File(Path.Combine(".thumbnails", "t.jpg")));
        Directory.CreateDirectory(_temp.File("day2"));
        TestImages.WriteJpeg(_temp.File(Path.Combine("day2", "c.jpg")));
        var names = new PhotoScanner().Scan(_temp.Path, recurse: true).Select(p => Path.GetRelativePath(_temp.Path, p).Replace('\\', '/')).ToArray();
        Assert.Equal(new[] { "A.JPG", "b.jpg", "day2/c.jpg" }, names);
        Assert.Equal(new[] { "A.JPG", "b.jpg" }, new PhotoScanner().Scan(_temp.Path, recurse: false).Select(Path.GetFileName));
        Assert.Equal(new[] { "b.jpg" }, new PhotoScanner(exclude: new[] { "a*" }).Scan(_temp.Path, false).Select(Path.GetFileName));
    }

    [Fact]
    public void Batch_files_resolve_uris_absolute_and_relative_paths()
    {
        var file = new BatchInputFile
        {
            BatchId = "w",
            PhotoUris = { WorkspacePaths.ToFileUri(_temp.File("a b/ü.jpg")), "rel/x.jpg", _temp.File("abs.jpg") },
        };
        var path = _temp.File("ingest_input.json");
        file.Save(path);
        var loaded = BatchInputFile.Load(path);
        Assert.Equal(
            new[] { _temp.File("a b/ü.jpg"), _temp.File("rel/x.jpg"), _temp.File("abs.jpg") }.Select(Path.GetFullPath),
            loaded.ResolvePaths(path));
        File.WriteAllText(path, "{ \"batch_id\": \"bad id!\" }");
        Assert.Throws<ArgumentException>(() => BatchInputFile.Load(path));
        File.WriteAllText(path, "{ not json");
        Assert.Throws<InvalidDataException>(() => BatchInputFile.Load(path));
    }

    public void Dispose() => _temp.Dispose();
}
