using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Readers;

/// <summary>A shoot run once through every stage, for the round trips below.</summary>
public sealed class RoundTripShootFixture : IDisposable
{
    public GoldenShoot Shoot { get; } = GoldenShoot.Build();
    public void Dispose() => Shoot.Dispose();
}

/// <summary>
/// One mapping per stage document, proven: the live objects of each stage → its JSON → the objects
/// Import-PhotoStage rebuilds from it are equal on every public property (recursively), except
/// <c>FromCache</c>, which says a rebuilt value was not computed. Ranking's JudgeStatus included.
/// </summary>
public sealed class StageRoundTripTests : IClassFixture<RoundTripShootFixture>
{
    private static readonly string[] Volatile = { "FromCache" };
    private readonly GoldenShoot _shoot;

    public StageRoundTripTests(RoundTripShootFixture fixture) => _shoot = fixture.Shoot;

    private List<object> Import(string stage)
    {
        var problems = new List<string>();
        var objects = StageImporter.Import(_shoot.Layout.StageJsonPath(stage, GoldenShoot.BatchId), _shoot.Layout.Root, includeDropped: true,
            e => problems.Add(e.Message), problems.Add).ToList();
        Assert.Empty(problems);
        return objects;
    }

    private List<Photo> ImportPhotos(string stage) => Import(stage).Cast<Photo>().ToList();

    [Fact]
    public void Ingest_rebuilds_every_photo_field_it_records()
    {
        var rebuilt = ImportPhotos("ingest");
        AssertEqual(_shoot.Photos, rebuilt, "Preprocess", "Features", "Faces", "FaceModel", "Score", "MomentId", "QTech", "Aesthetic", "Vibe", "Typography", "Composition", "Total", "Status");   // Status shows the score's verdict too
    }

    [Fact]
    public void Preprocess_rebuilds_the_preprocess_result() =>
        AssertEqual(_shoot.Photos.Select(p => p.Preprocess).ToList(), ImportPhotos("preprocess").Select(p => p.Preprocess).ToList());

    [Fact]
    public void Features_rebuilds_the_features() =>
        AssertEqual(_shoot.Photos.Select(p => p.Features).ToList(), ImportPhotos("features").Select(p => p.Features).ToList());

    [Fact]
    public void Faces_rebuilds_the_faces_and_their_model()
    {
        var rebuilt = ImportPhotos("faces");
        Assert.All(rebuilt, p => Assert.NotNull(p.FaceModel));
        AssertEqual(_shoot.Photos.Select(p => p.Faces).ToList(), rebuilt.Select(p => p.Faces).ToList());
        AssertEqual(_shoot.Photos.Select(p => p.FaceModel).ToList(), rebuilt.Select(p => p.FaceModel).ToList());
    }

    [Fact]
    public void Scoring_rebuilds_the_scores_with_their_components()
    {
        var rebuilt = ImportPhotos("scoring");
        Assert.All(rebuilt, p => Assert.NotEmpty(p.Score!.Components));
        AssertEqual(_shoot.Photos.Select(p => p.Score).ToList(), rebuilt.Select(p => p.Score).ToList());
    }

    [Fact]
    public void Clustering_rebuilds_the_moments_as_grouped()
    {
        var rebuilt = Import("clustering").Cast<PhotoMoment>().ToList();
        // The live moments went on through the ranking stage, which sets these two; the clustering record predates them.
        AssertEqual(_shoot.Moments, rebuilt, "JudgeStatus", "OpenerRank");
        Assert.All(rebuilt, m => Assert.Null(m.JudgeStatus));
    }

    [Fact]
    public void Ranking_rebuilds_the_moments_as_ranked_with_their_judge_status()
    {
        var rebuilt = Import("ranking").Cast<PhotoMoment>().ToList();
        AssertEqual(_shoot.Moments, rebuilt);
        Assert.All(rebuilt, m => Assert.Equal("none", m.JudgeStatus));
    }

    [Fact]
    public void Optimizer_rebuilds_the_curated_set()
    {
        var rebuilt = Assert.IsType<CuratedSet>(Assert.Single(Import("optimizer")));
        AssertEqual(_shoot.Set, rebuilt);
    }

    [Fact]
    public void Exporter_rebuilds_the_exported_set()
    {
        var rebuilt = Assert.IsType<CuratedSet>(Assert.Single(Import("exporter")));
        AssertEqual(_shoot.Set, rebuilt);
    }

    [Fact]
    public void Exporter_record_of_another_selection_is_reported_not_patched()
    {
        var dir = Directory.CreateTempSubdirectory("pc-exporter-");
        try
        {
            var file = Path.Combine(dir.FullName, "intermediateJsons", "exporter", GoldenShoot.BatchId + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var list = JsonNode.Parse(File.ReadAllText(_shoot.Layout.StageJsonPath("exporter", GoldenShoot.BatchId)))!.AsObject();
            var items = list["items"]!.AsArray();
            var first = items[0]!;
            items.RemoveAt(0);
            items.Add(first);
            File.WriteAllText(file, list.ToJsonString());
            var error = Assert.Throws<PhotoInputException>(() => StageImporter.Import(file, _shoot.Layout.Root, includeDropped: true, _ => { }, _ => { }).ToList());
            Assert.Contains("another selection", error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_stage_of_the_catalogue_has_a_round_trip_here()
    {
        var tested = typeof(StageRoundTripTests).GetMethods().Where(m => m.GetCustomAttributes(typeof(FactAttribute), false).Length > 0)
            .Select(m => m.Name.Split('_')[0].ToLowerInvariant()).ToHashSet();
        Assert.All(StageCatalog.All, s => Assert.Contains(s.Name, tested));
    }

    /// <summary>Fails naming every property path where the two differ.</summary>
    private static void AssertEqual(object? live, object? rebuilt, params string[] ignore)
    {
        var differences = new List<string>();
        Compare(live, rebuilt, "", Volatile.Concat(ignore).ToHashSet(StringComparer.Ordinal), differences, 0);
        Assert.True(differences.Count == 0, "Rebuilt differs from live at:\n" + string.Join("\n", differences.Take(20)));
    }

    private static void Compare(object? a, object? b, string path, HashSet<string> ignore, List<string> differences, int depth)
    {
        if (a is null || b is null)
        {
            if (!(a is null && b is null)) differences.Add($"{path}: {a ?? "null"} vs {b ?? "null"}");
            return;
        }
        var type = a.GetType();
        if (type != b.GetType())
        {
            differences.Add($"{path}: type {type.Name} vs {b.GetType().Name}");
            return;
        }
        if (type.IsPrimitive || type.IsEnum || a is string or decimal or DateTime or DateTimeOffset or TimeSpan)
        {
            if (!a.Equals(b)) differences.Add($"{path}: {a} vs {b}");
            return;
        }
        if (depth > 12) return;
        if (a is IDictionary da && b is IDictionary db)
        {
            var keys = da.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal).ToList();
            var otherKeys = db.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal).ToList();
            if (!keys.SequenceEqual(otherKeys)) differences.Add($"{path}: keys {string.Join(",", keys)} vs {string.Join(",", otherKeys)}");
            else foreach (DictionaryEntry e in da) Compare(e.Value, db[e.Key], $"{path}[{e.Key}]", ignore, differences, depth + 1);
            return;
        }
        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            var left = ea.Cast<object?>().ToList();
            var right = eb.Cast<object?>().ToList();
            if (left.Count != right.Count) differences.Add($"{path}: {left.Count} items vs {right.Count}");
            else for (var i = 0; i < left.Count; i++) Compare(left[i], right[i], $"{path}[{i}]", ignore, differences, depth + 1);
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || ignore.Contains(property.Name)) continue;
            Compare(property.GetValue(a), property.GetValue(b), path + "." + property.Name, ignore, differences, depth + 1);
        }
    }
}
