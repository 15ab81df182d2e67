using PhotoCuration.Engine.Ingest;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Stages;

/// <summary>Import-PhotoStage's engine: photos rebuilt from each stage record equal the live pipeline's.</summary>
[Collection(ScoredShootCollection.Name)]
public sealed class ImportStageTests
{
    private readonly ScoredShoot _shoot;
    private readonly List<PhotoInputException> _problems = new();
    private readonly List<string> _warnings = new();

    public ImportStageTests(ScoredShootFixture shoot) => _shoot = shoot.Value;

    private List<Photo> Import(string stage, bool includeDropped = false, string? file = null, string? workspace = null) =>
        StageImporter.Import(file ?? _shoot.Layout.StageJsonPath(stage, ScoredShoot.BatchId), workspace ?? _shoot.Layout.Root, includeDropped, _problems.Add, _warnings.Add)
            .Cast<Photo>().ToList();

    /// <summary>JSON of an object without the FromCache flags (a rebuilt result is a stored one).</summary>
    internal static string Normalized(object? value)
    {
        var node = JsonSerializer.SerializeToNode(value);
        Strip(node);
        return node?.ToJsonString() ?? "null";

        static void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                o.Remove("FromCache");
                foreach (var child in o.Select(kv => kv.Value).ToList()) Strip(child);
            }
            else if (n is JsonArray a)
            {
                foreach (var child in a) Strip(child);
            }
        }
    }

    private Photo Live(Photo imported) => _shoot.Ingested.Single(p => p.Path == imported.Path);

    [Fact]
    public void Ingest_rebuilds_file_exif_overrides_and_duplicates()
    {
        var photos = Import("ingest");
        Assert.Equal(_shoot.Ingested.Select(p => p.Path), photos.Select(p => p.Path));
        foreach (var p in photos)
        {
            var live = Live(p);
            Assert.Equal(Normalized(live.Exif), Normalized(p.Exif));
            Assert.Equal((live.PhotoId, live.FileName, live.BatchId, live.Workspace, live.Format, live.FileSize, live.Width, live.Height, live.IsLocked, live.IsExcluded, live.DuplicateOf),
                (p.PhotoId, p.FileName, p.BatchId, p.Workspace, p.Format, p.FileSize, p.Width, p.Height, p.IsLocked, p.IsExcluded, p.DuplicateOf));
            Assert.Null(p.Preprocess);
        }
        Assert.Contains(photos, p => p.DuplicateOf is not null);
        Assert.True(photos.Single(p => p.FileName == "IMG_0007.jpg").IsLocked);
        Assert.True(photos.Single(p => p.FileName == "IMG_0012.jpg").IsExcluded);
    }

    [Fact]
    public void Preprocess_and_features_equal_the_live_objects()
    {
        foreach (var p in Import("preprocess"))
        {
            Assert.Equal(Normalized(Live(p).Preprocess), Normalized(p.Preprocess));
            Assert.True(p.Preprocess!.FromCache);
            Assert.Null(p.Features);
        }
        var featured = Import("features");
        Assert.Equal(_shoot.Ingested.Count, featured.Count);
        foreach (var p in featured)
        {
            Assert.Equal(Normalized(Live(p).Features), Normalized(p.Features));
            Assert.Equal(Normalized(Live(p).Preprocess), Normalized(p.Preprocess));
        }
    }

    [Fact]
    public void Scoring_rebuilds_scores_components_and_the_gate_and_leaves_dropped_photos_out()
    {
        var scored = Import("scoring");
        var live = _shoot.Ingested.Where(p => !p.Score!.IsDropped).ToList();
        Assert.Equal(live.Select(p => p.Path), scored.Select(p => p.Path));
        Assert.DoesNotContain(scored, p => p.FileName == "IMG_0004.jpg");
        foreach (var p in scored)
        {
            Assert.Equal(Normalized(Live(p)), Normalized(p));
            Assert.NotEmpty(p.Score!.Components);
        }
        Assert.Empty(_warnings);
        var all = Import("scoring", includeDropped: true);
        var blurred = all.Single(p => p.FileName == "IMG_0004.jpg");
        Assert.True(blurred.Score!.IsDropped);
        Assert.Equal(Live(blurred).Score!.DropReasons, blurred.Score.DropReasons);
        Assert.Equal(_shoot.Ingested.Count, all.Count);
        Assert.Empty(_problems);
    }

    [Fact]
    public void Rebuilt_photos_hit_the_features_cache()
    {
        var photo = Import("preprocess").First();
        var features = new FeatureStage(_shoot.Layout).Process(photo);
        Assert.True(features.FromCache);
        Assert.Equal(Normalized(Live(photo).Features), Normalized(features));
    }

    [Fact]
    public void A_missing_earlier_stage_names_the_file_and_what_is_missing()
    {
        var lone = _shoot.File("lone/intermediateJsons/scoring/b1.json");
        File.Copy(_shoot.Layout.StageJsonPath("scoring", "b1"), lone, overwrite: true);
        var ex = Assert.Throws<PhotoInputException>(() => Import("scoring", file: lone, workspace: StageImporter.WorkspaceOf(lone, "/")));
        Assert.Equal(PhotoErrorIds.EarlierStageMissing, ex.ErrorId);
        Assert.Equal(PhotoProblem.NotFound, ex.Problem);
        Assert.Equal(lone, ex.FilePath);
        Assert.Contains(Path.Combine("intermediateJsons", "ingest", "b1.json"), ex.Message);
    }

    [Theory]
    [InlineData("{not json", PhotoErrorIds.MalformedStageJson)]
    [InlineData("[1, 2]", PhotoErrorIds.MalformedStageJson)]
    [InlineData("""{"stage": "scoring"}""", PhotoErrorIds.MalformedStageJson)]
    [InlineData("""{"stage": "scoring", "batch_id": "../x"}""", PhotoErrorIds.MalformedStageJson)]
    [InlineData("""{"stage": "mystery", "batch_id": "b1"}""", PhotoErrorIds.UnknownStage)]
    [InlineData("""{"batch_id": "b1"}""", PhotoErrorIds.UnknownStage)]
    public void Bad_documents_are_refused_with_a_stable_id(string json, string errorId)
    {
        var file = _shoot.File("bad/" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, json);
        var ex = Assert.Throws<PhotoInputException>(() => Import("scoring", file: file));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(file, ex.FilePath);
    }

    [Fact]
    public void The_stage_comes_from_the_folder_when_the_document_does_not_say()
    {
        var file = _shoot.File("folder/intermediateJsons/ingest/b1.json");
        var json = JsonNode.Parse(File.ReadAllText(_shoot.Layout.StageJsonPath("ingest", "b1")))!.AsObject();
        json.Remove("stage");
        File.WriteAllText(file, json.ToJsonString());
        Assert.Equal(_shoot.Ingested.Count, Import("ingest", file: file).Count);
    }

    [Fact]
    public void A_malformed_earlier_stage_is_reported_against_that_file()
    {
        var ws = _shoot.File("broken/x");
        var root = Path.GetDirectoryName(ws)!;
        foreach (var stage in new[] { "ingest", "preprocess", "features", "scoring" })
        {
            File.Copy(_shoot.Layout.StageJsonPath(stage, "b1"), Path.Combine(Directory.CreateDirectory(Path.Combine(root, "intermediateJsons", stage)).FullName, "b1.json"), overwrite: true);
        }
        var features = Path.Combine(root, "intermediateJsons", "features", "b1.json");
        File.WriteAllText(features, """{"batch_id": "b1", "artifacts": 42}""");
        var ex = Assert.Throws<PhotoInputException>(() => Import("scoring", file: Path.Combine(root, "intermediateJsons", "scoring", "b1.json"), workspace: root));
        Assert.Equal(PhotoErrorIds.MalformedStageJson, ex.ErrorId);
        Assert.Equal(features, ex.FilePath);
    }

    [Fact]
    public void A_photo_absent_from_an_earlier_stage_is_reported_and_the_rest_comes_through()
    {
        var root = Path.GetDirectoryName(_shoot.File("partial/x"))!;
        foreach (var stage in new[] { "ingest", "preprocess", "features" })
        {
            File.Copy(_shoot.Layout.StageJsonPath(stage, "b1"), Path.Combine(Directory.CreateDirectory(Path.Combine(root, "intermediateJsons", stage)).FullName, "b1.json"), overwrite: true);
        }
        var preprocess = Path.Combine(root, "intermediateJsons", "preprocess", "b1.json");
        var doc = JsonNode.Parse(File.ReadAllText(preprocess))!.AsObject();
        var artifacts = doc["artifacts"]!.AsArray();
        var removedId = artifacts[0]!["photo_id"]!.GetValue<string>();
        artifacts.RemoveAt(0);
        File.WriteAllText(preprocess, doc.ToJsonString());
        var photos = Import("features", file: Path.Combine(root, "intermediateJsons", "features", "b1.json"), workspace: root);
        Assert.Equal(_shoot.Ingested.Count(p => p.PhotoId != removedId), photos.Count);
        var problem = Assert.Single(_problems);
        Assert.Equal(PhotoErrorIds.PhotoNotInEarlierStage, problem.ErrorId);
        Assert.Contains(removedId, problem.Message);
    }

    [Fact]
    public void Readers_can_be_added_for_new_stages()
    {
        StageImporter.Register(new CountingReader());
        var file = _shoot.File("ext/intermediateJsons/testonly/b1.json");
        File.WriteAllText(file, """{"batch_id": "b1", "stage": "testonly"}""");
        var result = StageImporter.Import(file, _shoot.Layout.Root, false, _problems.Add, _warnings.Add).ToList();
        Assert.Equal(_shoot.Ingested.Count, Assert.IsType<int>(Assert.Single(result)));
        Assert.Contains("testonly", StageImporter.Stages);
    }

    private sealed class CountingReader : IStageReader
    {
        public string Stage => "testonly";
        public IEnumerable<object> Read(StageImportContext context) => new object[] { context.Photos("ingest").Count() };
    }
}
