using System.Text.Json.Nodes;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Stages;

/// <summary>Import-PhotoStage of the optimizer record: the curated set comes back with its sequence, ranks and stars.</summary>
[Collection(ScoredShootCollection.Name)]
public sealed class ImportOptimizerTests
{
    private readonly ScoredShoot _shoot;

    public ImportOptimizerTests(ScoredShootFixture shoot) => _shoot = shoot.Value;

    private (CuratedSet Live, CuratedSet Imported) RoundTrip(Func<string, string>? edit = null)
    {
        var kept = _shoot.Ingested.Where(p => p.Score is { IsDropped: false } && p.DuplicateOf is null).ToList();
        var outcome = new SelectionStage(_shoot.Theme, SelectionOptions.FromTheme(_shoot.Theme) with { Count = 5 })
            .Run(ScoredShoot.BatchId, _shoot.Layout.Root, SelectionStage.MomentsFromPhotos(ScoredShoot.BatchId, _shoot.Layout.Root, kept));
        var path = _shoot.Layout.StageJsonPath(SelectionStage.StageName, ScoredShoot.BatchId);
        try
        {
            var json = StageJson.Serialize(outcome.Document);
            AtomicFile.WriteAllText(path, edit?.Invoke(json) ?? json);
            var problems = new List<PhotoInputException>();
            var imported = StageImporter.Import(path, _shoot.Layout.Root, false, problems.Add, _ => { }).Cast<CuratedSet>().Single();
            Assert.Empty(problems);
            return (outcome.Set, imported);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sequence_rank_stars_and_reasons_survive_the_round_trip()
    {
        var (live, imported) = RoundTrip();
        Assert.Equal(live.Items.Select(i => i.PhotoId), imported.Items.Select(i => i.PhotoId));
        Assert.Equal(live.Items.Select(i => i.Sequence), imported.Items.Select(i => i.Sequence));
        Assert.Equal(live.Items.Select(i => i.Rank), imported.Items.Select(i => i.Rank));
        Assert.Equal(live.Items.Select(i => i.Rating), imported.Items.Select(i => i.Rating));
        Assert.Equal(live.Items.SelectMany(i => i.Reasons), imported.Items.SelectMany(i => i.Reasons));
        Assert.NotEqual(live.Items.Select(i => i.Sequence), live.Items.Select(i => i.Rank));
    }

    [Fact]
    public void A_record_from_before_ranks_is_ranked_by_total_on_import()
    {
        var (live, imported) = RoundTrip(json =>
        {
            var node = JsonNode.Parse(json)!.AsObject();
            node.Remove("ranks");
            node.Remove("ratings");
            return node.ToJsonString();
        });
        Assert.Equal(live.Items.Select(i => i.Rank), imported.Items.Select(i => i.Rank));
        Assert.All(imported.Items, i => Assert.Equal(0, i.Rating));
    }
}
