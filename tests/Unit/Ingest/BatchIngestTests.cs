using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>The batch-level part of ingest: exact duplicates, overrides, errors, and the ingest stage JSON.</summary>
public sealed class BatchIngestTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private BatchIngest NewBatch(UserOverrides? overrides = null, string? theme = null) =>
        new("b1", new WorkspaceLayout(_temp.File("ws")), overrides ?? new UserOverrides(null, null), theme);

    private static List<Photo> AcceptAll(BatchIngest batch, params string[] paths) =>
        paths.Select(p => batch.Accept(TestImages.Inspect(p))).ToList();

    [Fact]
    public void A_byte_identical_second_file_is_a_duplicate_of_the_first_path()
    {
        var a = TestImages.WriteJpeg(_temp.File("a.jpg"), seed: 1);
        var copy = _temp.File("sub/a copy.jpg");
        File.Copy(a, copy);
        var b = TestImages.WriteJpeg(_temp.File("b.jpg"), seed: 2);
        var batch = NewBatch();
        var photos = AcceptAll(batch, a, b, copy);
        Assert.Null(photos[0].DuplicateOf);
        Assert.Null(photos[1].DuplicateOf);
        Assert.Equal(a, photos[2].DuplicateOf);
        Assert.Equal(photos[0].PhotoId, photos[2].PhotoId);
        Assert.Equal(1, batch.DuplicateCount);
        Assert.All(photos, p => Assert.Equal("b1", p.BatchId));
        Assert.All(photos, p => Assert.Equal(_temp.File("ws"), p.Workspace));
        var doc = batch.ToDocument();
        Assert.Equal(3, doc.PhotoIndex.Count);
        Assert.Equal(WorkspacePaths.ToFileUri(a), doc.PhotoIndex[2].DuplicateOf);
    }

    [Fact]
    public void A_third_copy_points_at_the_first_not_the_second()
    {
        var a = TestImages.WriteJpeg(_temp.File("a.jpg"));
        File.Copy(a, _temp.File("b.jpg"));
        File.Copy(a, _temp.File("c.jpg"));
        var batch = NewBatch();
        var photos = AcceptAll(batch, a, _temp.File("b.jpg"), _temp.File("c.jpg"));
        Assert.Equal(new[] { null, a, a }, photos.Select(p => p.DuplicateOf));
        Assert.Equal(2, batch.DuplicateCount);
    }

    [Fact]
    public void A_copy_that_sorts_first_is_still_the_copy_of_the_shorter_named_file()
    {
        var original = TestImages.WriteJpeg(_temp.File("_DSC2061.JPG"));
        var copy = _temp.File("_DSC2061 (1).JPG");
        File.Copy(original, copy);
        var time = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(original, time);
        File.SetLastWriteTimeUtc(copy, time);
        var batch = NewBatch();
        // Scan order is ordinal: ' ' (0x20) sorts before '.', so the copy comes first.
        var photos = AcceptAll(batch, copy, original);
        Assert.Equal(original, photos[0].DuplicateOf);
        Assert.Null(photos[1].DuplicateOf);
        Assert.Equal(1, batch.DuplicateCount);
        Assert.Equal(WorkspacePaths.ToFileUri(original), batch.ToDocument().PhotoIndex[0].DuplicateOf);
    }

    [Fact]
    public void The_file_written_earlier_is_the_original_whatever_its_name()
    {
        var older = TestImages.WriteJpeg(_temp.File("IMG_0001_long_name.jpg"));
        var newer = _temp.File("a.jpg");
        File.Copy(older, newer);
        File.SetLastWriteTimeUtc(older, new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(newer, new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc));
        var photos = AcceptAll(NewBatch(), newer, older);
        Assert.Equal(new[] { older, null }, photos.Select(p => p.DuplicateOf));
    }

    [Fact]
    public void Overrides_are_applied_as_photos_are_accepted()
    {
        var paths = Enumerable.Range(1, 4).Select(i => TestImages.WriteJpeg(_temp.File($"IMG_{i:0000}.jpg"), seed: i)).ToArray();
        var thirdId = TestImages.Inspect(paths[2]).PhotoId;
        var overrides = new UserOverrides(new[] { "img_0001.JPG", paths[1], thirdId[..15], "IMG_0004.jpg" }, new[] { "IMG_000[4].jpg" });
        var batch = NewBatch(overrides);
        var photos = AcceptAll(batch, paths);
        Assert.Equal(new[] { true, true, true, false }, photos.Select(p => p.IsLocked));
        Assert.Equal(new[] { false, false, false, true }, photos.Select(p => p.IsExcluded));
        var doc = batch.ToDocument();
        Assert.Equal(new[] { true, true, true, false }, doc.PhotoIndex.Select(e => e.Locked));
        Assert.Equal(new[] { false, false, false, true }, doc.PhotoIndex.Select(e => e.Excluded));
        Assert.Equal(overrides.LockIn, doc.UserOverrides.LockIn);
        Assert.Equal(overrides.Exclude, doc.UserOverrides.Exclude);
    }

    [Fact]
    public void The_stage_document_has_the_spec_shape()
    {
        var a = TestImages.WriteJpeg(_temp.File("a b/ü.jpg"), 320, 200);
        var batch = NewBatch(theme: "autumn-editorial");
        AcceptAll(batch, a);
        batch.Reject(_temp.File("bad.jpg"), PhotoErrorIds.NotAnImage, "bad.jpg is not an image");
        var doc = batch.ToDocument();
        Assert.Equal("b1", doc.BatchId);
        Assert.Equal("ingest", doc.Stage);
        Assert.Equal("autumn-editorial", doc.ThemeSpecRef);
        var entry = Assert.Single(doc.PhotoIndex);
        Assert.Equal(WorkspacePaths.ToFileUri(a), entry.Uri);
        Assert.StartsWith("file:///", entry.Uri);
        Assert.Equal("ü.jpg", entry.FileName);
        Assert.Equal((320, 200), (entry.Width, entry.Height));
        var error = Assert.Single(doc.Errors);
        Assert.Equal(("NotAnImage", WorkspacePaths.ToFileUri(_temp.File("bad.jpg"))), (error.ErrorId, error.Uri));
        Assert.Matches("^[0-9a-f]{64}$", doc.IdempotencyKey);

        var json = StageJson.Serialize(doc);
        foreach (var key in new[] { "\"batch_id\"", "\"photo_index\"", "\"photo_id\"", "\"uri\"", "\"exif\"", "\"theme_spec_ref\"", "\"user_overrides\"", "\"lock_in\"", "\"exclude\"", "\"errors\"", "\"error_id\"", "\"idempotency_key\"" })
            Assert.Contains(key, json);
    }

    [Fact]
    public void The_stage_json_is_written_atomically_where_the_layout_says()
    {
        var batch = NewBatch();
        AcceptAll(batch, TestImages.WriteJpeg(_temp.File("a.jpg")));
        var path = batch.WriteStageJson();
        Assert.Equal(_temp.File("ws/intermediateJsons/ingest/b1.json"), path);
        Assert.Equal(StageJson.Serialize(batch.ToDocument()), File.ReadAllText(path));
        Assert.Equal(new[] { "b1.json" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void The_idempotency_key_is_stable_across_identical_runs_and_follows_the_inputs()
    {
        var a = TestImages.WriteJpeg(_temp.File("a.jpg"), seed: 1);
        var b = TestImages.WriteJpeg(_temp.File("b.jpg"), seed: 2);
        string Key(UserOverrides overrides, string? theme, bool reject, params string[] paths)
        {
            var batch = NewBatch(overrides, theme);
            AcceptAll(batch, paths);
            if (reject) batch.Reject(_temp.File("bad.jpg"), PhotoErrorIds.NotAnImage, "not an image");
            return batch.ToDocument().IdempotencyKey;
        }
        var none = new UserOverrides(null, null);
        var baseline = Key(none, null, false, a, b);
        Assert.Equal(baseline, Key(new UserOverrides(null, null), null, false, a, b));
        Assert.NotEqual(baseline, Key(none, null, false, b, a));
        Assert.NotEqual(baseline, Key(none, null, false, a));
        Assert.NotEqual(baseline, Key(none, "theme", false, a, b));
        Assert.NotEqual(baseline, Key(none, null, true, a, b));
        Assert.NotEqual(baseline, Key(new UserOverrides(new[] { "a.jpg" }, null), null, false, a, b));
        Assert.NotEqual(baseline, Key(new UserOverrides(null, new[] { "a.jpg" }), null, false, a, b));
        TestImages.WriteJpeg(b, seed: 3); // same name, other bytes
        Assert.NotEqual(baseline, Key(none, null, false, a, b));
    }

    [Fact]
    public void Identical_runs_give_identical_stage_json()
    {
        var paths = new[] { TestImages.WriteJpeg(_temp.File("a.jpg"), seed: 1), TestImages.WriteJpeg(_temp.File("b.jpg"), seed: 2) };
        string Run()
        {
            var batch = NewBatch(new UserOverrides(new[] { "a.jpg" }, new[] { "missing.jpg" }));
            AcceptAll(batch, paths);
            batch.Reject(_temp.File("bad.jpg"), PhotoErrorIds.NotAnImage, "bad.jpg is not an image");
            return StageJson.Serialize(batch.ToDocument());
        }
        Assert.Equal(Run(), Run());
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
            GpsLatitude = -33.86,
            Warnings = { "w1" },
        };
        var json = StageJson.Serialize(ExifRecord.From(exif));
        Assert.Contains("\"capture_time\": \"2024-09-14T08:12:05.25\"", json);
        Assert.Contains("\"capture_offset\": \"-05:30\"", json);
        var back = StageJson.Deserialize<ExifRecord>(json)!.ToExif();
        Assert.Equal(exif.CaptureTime, back.CaptureTime);
        Assert.Equal("X-T5", back.CameraModel);
        Assert.Equal(1.4, back.FNumber);
        Assert.Equal(6, back.Orientation);
        Assert.Equal(-33.86, back.GpsLatitude);
        Assert.Equal(new[] { "w1" }, back.Warnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../evil")]
    [InlineData("a b")]
    public void An_unsafe_batch_id_is_refused(string batchId) =>
        Assert.Throws<ArgumentException>(() => new BatchIngest(batchId, new WorkspaceLayout(_temp.File("ws")), new UserOverrides(null, null), null));

    public void Dispose() => _temp.Dispose();
}
