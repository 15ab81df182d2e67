using System.Text.Json;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Workspace;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Stage JSON read as a stream gives what reading the whole document gives, across buffer refills.</summary>
public sealed class StageJsonStreamReadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pc-stream-read-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ScoringStageDocument Document(int count)
    {
        var document = new ScoringStageDocument { BatchId = "b1", IdempotencyKey = "k", ThemeSpecRef = "default", ThemeHash = "h", QTechMin = 0.35 };
        for (var i = 0; i < count; i++)
        {
            // Long reasons make some records larger than the reader's first buffer.
            var reasons = i % 97 == 0 ? new[] { new string('x', 70_000 + i), "ünïcödé \"quoted\"" } : new[] { "soft" };
            document.Scores.Add(new ScoringStageDocument.ScoreEntry { PhotoId = $"sha256:{i:x64}", QTech = i / 1000.0, TotalPrelim = 1.0 / (i + 1), FlagReasons = reasons });
            if (i % 10 == 0) document.DroppedForTech.Add($"sha256:{i:x64}");
            if (i % 10 == 0) document.DropReasons[$"sha256:{i:x64}"] = new[] { "blurred" };
        }
        return document;
    }

    [Fact]
    public void Records_and_head_equal_the_whole_document_read_at_once()
    {
        var path = Path.Combine(_dir, "scoring.json");
        var document = Document(3000);
        StageJson.Write(path, document);
        var whole = StageJson.Read<ScoringStageDocument>(path)!;

        var records = StageJsonStream.Records<ScoringStageDocument.ScoreEntry>(path, "scores").ToList();
        Assert.Equal(StageJson.Serialize(whole.Scores), StageJson.Serialize(records));

        var head = StageJsonStream.Head<ScoringStageDocument>(path, "scores")!;
        Assert.Empty(head.Scores);
        whole.Scores.Clear();
        Assert.Equal(StageJson.Serialize(whole), StageJson.Serialize(head));

        var identity = StageJsonStream.Identify(path);
        Assert.Equal(new StageJsonStream.Identity(true, "scoring", "b1"), identity);
    }

    [Fact]
    public void A_bom_comments_trailing_commas_and_a_null_array_are_read_as_the_serializer_reads_them()
    {
        var path = Path.Combine(_dir, "odd.json");
        File.WriteAllText(path, "{ // comment\n \"stage\": \"scoring\", \"batch_id\": \"b2\", \"scores\": [ {\"photo_id\": \"a\"}, null, {\"photo_id\": \"b\",}, ], }", new System.Text.UTF8Encoding(true));
        Assert.Equal(new[] { "a", null, "b" }, StageJsonStream.Records<ScoringStageDocument.ScoreEntry>(path, "scores").Select(r => r?.PhotoId));
        Assert.Equal("b2", StageJsonStream.Identify(path).BatchId);
        File.WriteAllText(path, "{\"batch_id\": \"b3\", \"scores\": null}");
        Assert.Empty(StageJsonStream.Records<ScoringStageDocument.ScoreEntry>(path, "scores"));
        Assert.Empty(StageJsonStream.Records<ScoringStageDocument.ScoreEntry>(path, "missing"));
        Assert.Null(StageJsonStream.Identify(path).Stage);
    }

    [Fact]
    public void Malformed_json_far_into_the_file_throws_where_it_is_met()
    {
        var path = Path.Combine(_dir, "broken.json");
        StageJson.Write(path, Document(500));
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length * 2 / 3)]);
        Assert.ThrowsAny<JsonException>(() => StageJsonStream.Identify(path));
        Assert.ThrowsAny<JsonException>(() => StageJsonStream.Records<ScoringStageDocument.ScoreEntry>(path, "scores").Count());
        File.WriteAllText(path, "[1, 2]");
        Assert.False(StageJsonStream.Identify(path).IsObject);
    }
}
