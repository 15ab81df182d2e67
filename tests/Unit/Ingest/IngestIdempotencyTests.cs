using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>
/// The ingest stage JSON's idempotency key {batch_id, stage, hash(inputs)} (docs/architecture.md#workspace-and-cache): equal for
/// equal inputs, different as soon as any input differs, and the written file is byte-stable.
/// </summary>
public sealed class IngestIdempotencyTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string[] _photos;

    public IngestIdempotencyTests()
    {
        _photos = new[]
        {
            TestImages.WriteJpeg(_temp.File("IMG_0001.jpg"), seed: 1),
            TestImages.WriteJpeg(_temp.File("IMG_0002.jpg"), seed: 2),
        };
        File.Copy(_photos[0], _temp.File("IMG_0001 copy.jpg"));
    }

    private BatchIngest Run(string workspace = "ws", string batchId = "shoot", string[]? lockIn = null, string[]? exclude = null, string? theme = "autumn", IEnumerable<string>? paths = null, bool withError = true)
    {
        var batch = new BatchIngest(batchId, new WorkspaceLayout(_temp.File(workspace)), new UserOverrides(lockIn ?? new[] { "IMG_0002.jpg" }, exclude), theme);
        foreach (var path in paths ?? _photos.Append(_temp.File("IMG_0001 copy.jpg"))) batch.Accept(TestImages.Inspect(path));
        if (withError) batch.Reject(_temp.File("notes.jpg"), PhotoErrorIds.NotAnImage, "notes.jpg is not an image");
        return batch;
    }

    private string Key(BatchIngest batch) => batch.ToDocument().IdempotencyKey;

    [Fact]
    public void Two_identical_runs_have_the_same_key_and_byte_identical_stage_json()
    {
        var first = Run("ws1");
        var second = Run("ws2");
        Assert.Matches("^[0-9a-f]{64}$", Key(first));
        Assert.Equal(Key(first), Key(second));
        Assert.Equal(Key(first), Key(first)); // ToDocument has no side effects on the key

        var path1 = first.WriteStageJson();
        var path2 = second.WriteStageJson();
        Assert.Equal(_temp.File("ws1/intermediateJsons/ingest/shoot.json"), path1);
        Assert.Equal(File.ReadAllBytes(path1), File.ReadAllBytes(path2));
        var doc = StageJson.Read<IngestStageDocument>(path1)!;
        Assert.Equal(3, doc.PhotoIndex.Count);
        Assert.Equal(doc.PhotoIndex[0].Uri, doc.PhotoIndex[2].DuplicateOf);
        Assert.Equal(Key(first), doc.IdempotencyKey);
    }

    public static TheoryData<string> Changes => new() { "batch", "lock", "exclude", "theme", "order", "photo", "error" };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_changed_input_changes_the_key(string change)
    {
        var baseline = Key(Run());
        var changed = change switch
        {
            "batch" => Run(batchId: "shoot2"),
            "lock" => Run(lockIn: new[] { "IMG_0001.jpg" }),
            "exclude" => Run(exclude: new[] { "IMG_0002.jpg" }),
            "theme" => Run(theme: null),
            "order" => Run(paths: new[] { _photos[1], _photos[0], _temp.File("IMG_0001 copy.jpg") }),
            "photo" => Run(paths: _photos),
            _ => Run(withError: false),
        };
        Assert.NotEqual(baseline, Key(changed));
    }

    [Fact]
    public void The_document_records_overrides_errors_and_flags()
    {
        var doc = Run(lockIn: new[] { "IMG_0001.jpg", "IMG_0002.jpg" }, exclude: new[] { "IMG_0002.jpg" }).ToDocument();
        Assert.Equal("ingest", doc.Stage);
        Assert.Equal(BatchIngest.StageVersion, doc.StageVersion);
        Assert.Equal("autumn", doc.ThemeSpecRef);
        Assert.Equal(new[] { "IMG_0001.jpg", "IMG_0002.jpg" }, doc.UserOverrides.LockIn);
        Assert.Equal(new[] { "IMG_0002.jpg" }, doc.UserOverrides.Exclude);
        Assert.Equal(new[] { true, false, false }, doc.PhotoIndex.Select(e => e.Locked));
        Assert.Equal(new[] { false, true, false }, doc.PhotoIndex.Select(e => e.Excluded));
        var error = Assert.Single(doc.Errors);
        Assert.Equal(WorkspacePaths.ToFileUri(_temp.File("notes.jpg")), error.Uri);
        Assert.Equal(PhotoErrorIds.NotAnImage, error.ErrorId);
    }

    public void Dispose() => _temp.Dispose();
}
