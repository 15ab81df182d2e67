using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Workspace;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Stage JSON streamed into a file is byte for byte the text <see cref="StageJson.Serialize(object, Type)"/> gives.</summary>
public sealed class StageJsonStreamTests
{
    [Fact]
    public void A_streamed_document_equals_the_serialized_text_including_line_breaks_inside_strings()
    {
        var document = new FeaturesStageDocument { BatchId = "b", IdempotencyKey = "k" };
        document.Errors.Add(new StageError { Uri = "file:///a\r\nb.jpg", ErrorId = "X", Message = "line one\r\nline two ünïcode" });
        for (var i = 0; i < 2000; i++)
        {
            document.Artifacts.Add(new FeaturesStageDocument.Artifact { PhotoId = $"sha256:{i:x64}", StdUri = $"data/input/{i}_std.jpg" });
        }
        var expected = StageJson.Serialize(document, document.GetType());
        using var stream = new MemoryStream();
        StageJson.SerializeTo(stream, document, document.GetType());
        var bytes = stream.ToArray();
        Assert.Equal(new System.Text.UTF8Encoding(false).GetBytes(expected), bytes);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Contains("line one\\r\\nline two", expected);
    }

    [Fact]
    public void Write_puts_the_serialized_text_in_the_file_atomically()
    {
        var dir = Directory.CreateTempSubdirectory("pc-stream-").FullName;
        try
        {
            var path = Path.Combine(dir, "x.json");
            var value = new Dictionary<string, double[]> { ["a"] = new[] { 0.1, 1e-7, 3 } };
            StageJson.Write(path, value);
            Assert.Equal(StageJson.Serialize(value), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
