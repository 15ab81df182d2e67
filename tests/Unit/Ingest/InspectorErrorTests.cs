using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>Every refused file gets a stable error id, a problem category and its full path as the target.</summary>
public sealed class InspectorErrorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string, string, PhotoProblem> Cases => new()
    {
        { "empty", PhotoErrorIds.EmptyFile, PhotoProblem.InvalidData },
        { "folder", PhotoErrorIds.NotAFile, PhotoProblem.NotAFile },
        { "missing", PhotoErrorIds.FileNotFound, PhotoProblem.NotFound },
        { "text", PhotoErrorIds.NotAnImage, PhotoProblem.InvalidData },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_has_its_id_category_and_full_path(string kind, string errorId, PhotoProblem problem)
    {
        var full = _temp.File("x.jpg");
        switch (kind)
        {
            case "empty": File.WriteAllBytes(full, Array.Empty<byte>()); break;
            case "folder": Directory.CreateDirectory(full); break;
            case "text": File.WriteAllText(full, "not a photo at all"); break;
        }
        // Given as a relative path: the error names the full path, so a script can act on it.
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var ex = Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect(relative));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(problem, ex.Problem);
        Assert.Equal(full, ex.FilePath);
        Assert.Contains("x.jpg", ex.Message);
    }

    [Fact]
    public void Error_ids_are_stable_strings()
    {
        // Scripts and the stage JSON's errors list match on these; renaming one is a breaking change.
        Assert.Equal(
            new[] { "FileNotFound", "NotAFile", "EmptyFile", "NotAnImage", "UnsupportedFormat", "CorruptImage", "TruncatedImage", "PixelLimitExceeded", "FileChanged", "DecodeFailed", "WriteFailed" },
            new[] { PhotoErrorIds.FileNotFound, PhotoErrorIds.NotAFile, PhotoErrorIds.EmptyFile, PhotoErrorIds.NotAnImage, PhotoErrorIds.UnsupportedFormat, PhotoErrorIds.CorruptImage, PhotoErrorIds.TruncatedImage, PhotoErrorIds.PixelLimitExceeded, PhotoErrorIds.FileChanged, PhotoErrorIds.DecodeFailed, PhotoErrorIds.WriteFailed });
    }

    [Fact]
    public void A_cancelled_inspection_stops_without_an_input_error()
    {
        var path = TestImages.WriteJpeg(_temp.File("a.jpg"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new PhotoInspector().Inspect(path, cancelled.Token));
    }

    public void Dispose() => _temp.Dispose();
}
