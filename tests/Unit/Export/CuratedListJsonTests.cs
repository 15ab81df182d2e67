using System.Text.Json;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Export;

/// <summary>curated_list.json: the docs/architecture.md#stage-documents shape with its exact key names, and the same bytes on every run.</summary>
[Collection(ScoredShootCollection.Name)]
public sealed class CuratedListJsonTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
    private readonly ScoredShoot _shoot;
    private readonly TempFolder _out = new();

    public CuratedListJsonTests(ScoredShootFixture shoot) => _shoot = shoot.Value;

    private CuratedListExport Export(CuratedSet set, string? outputPath = null, DateTimeOffset? created = null, bool xmp = false, bool csv = false)
    {
        var export = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = outputPath ?? _out.Path, CreatedAt = created ?? Created, Xmp = xmp, Csv = csv }, _ => { });
        Assert.Empty(export.Problems);
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
        return export;
    }

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Has_exactly_the_spec_keys_at_every_level()
    {
        var export = Export(_shoot.Set("IMG_0003.jpg", "IMG_0005.jpg", "IMG_0009.jpg"));
        using var doc = JsonDocument.Parse(File.ReadAllText(export.JsonPath));
        var root = doc.RootElement;
        Assert.Equal(new[] { "batch_id", "version", "theme_spec_ref", "items", "audit" }, Keys(root));
        var item = root.GetProperty("items")[0];
        Assert.Equal(new[] { "photo_id", "sequence", "rank", "rating", "cluster_id", "role", "scores", "verdict", "diversity_tags", "diversity_axes", "reasons", "artifacts" }, Keys(item));
        Assert.Equal(new[] { "Q_tech", "Aesthetic", "Vibe", "Typography", "Composition", "Total" }, Keys(item.GetProperty("scores")));
        Assert.Equal(new[] { "std", "ranking", "original", "exported" }, Keys(item.GetProperty("artifacts")));
        Assert.Equal(new[] { "created_at", "optimizer_params", "stage_timings_ms", "seeds", "llm_tokens" }, Keys(root.GetProperty("audit")));
        Assert.Equal(new[] { "count", "quality_weight", "diversity_weight", "axis_emphasis", "role_quotas", "max_per_moment", "seed", "similarity", "candidate_count", "objective" },
            Keys(root.GetProperty("audit").GetProperty("optimizer_params")));
    }

    [Fact]
    public void Carries_the_picks_in_sequence_order_with_quality_ranks_stars_scores_tags_reasons_and_artifacts()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg", "IMG_0009.jpg");
        var export = Export(set);
        using var doc = JsonDocument.Parse(File.ReadAllText(export.JsonPath));
        var root = doc.RootElement;
        Assert.Equal("b1", root.GetProperty("batch_id").GetString());
        Assert.Equal(CuratedListDocument.FormatVersion, root.GetProperty("version").GetString());
        Assert.Equal("default", root.GetProperty("theme_spec_ref").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { 1, 2, 3 }, items.Select(i => i.GetProperty("sequence").GetInt32()));
        Assert.Equal(new[] { "opener", "body", "closer" }, items.Select(i => i.GetProperty("role").GetString()));
        // rank: quality order among the picks, whatever the sequence.
        var byQuality = set.Items.OrderByDescending(i => i.Total).ThenBy(i => i.PhotoId, StringComparer.Ordinal).Select(i => i.PhotoId).ToList();
        Assert.Equal(items.Select(i => byQuality.IndexOf(i.GetProperty("photo_id").GetString()!) + 1), items.Select(i => i.GetProperty("rank").GetInt32()));
        var stars = items.OrderBy(i => i.GetProperty("rank").GetInt32()).Select(i => i.GetProperty("rating").GetInt32()).ToList();
        Assert.All(stars, s => Assert.InRange(s, 1, 5));
        Assert.Equal(stars.OrderByDescending(s => s), stars);
        Assert.All(items, i => Assert.Equal("kept", i.GetProperty("verdict").GetString()));
        var first = items[0];
        var photo = _shoot.Photo("IMG_0003.jpg");
        Assert.Equal(photo.PhotoId, first.GetProperty("photo_id").GetString());
        Assert.Equal("m_0001", first.GetProperty("cluster_id").GetString());
        Assert.Equal(photo.Score!.QTech, first.GetProperty("scores").GetProperty("Q_tech").GetDouble());
        Assert.Equal(photo.Score.Total, first.GetProperty("scores").GetProperty("Total").GetDouble());
        Assert.Equal("time_of_day:" + photo.Features!.TimeOfDay, first.GetProperty("diversity_tags")[0].GetString());
        Assert.Equal(photo.Features.TimeOfDay, first.GetProperty("diversity_axes").GetProperty("time_of_day").GetString());
        Assert.Equal(0, first.GetProperty("diversity_axes").GetProperty("people_count").GetDouble());
        Assert.Equal("hero of moment m_0001: sharpest of 2 frames", first.GetProperty("reasons")[0].GetString());
        var artifacts = first.GetProperty("artifacts");
        Assert.Matches("^data/input/[0-9a-f]{2}/IMG_0003_", artifacts.GetProperty("std").GetString());
        Assert.Matches("^data/rankingInput/[0-9a-f]{2}/IMG_0003_", artifacts.GetProperty("ranking").GetString());
        Assert.Equal(WorkspacePaths.ToFileUri(photo.Path), artifacts.GetProperty("original").GetString());
        Assert.Equal("01_IMG_0003.jpg", artifacts.GetProperty("exported").GetString());
        var audit = root.GetProperty("audit");
        Assert.Equal("2025-01-02T01:04:05.678Z", audit.GetProperty("created_at").GetString());
        Assert.Equal(7, audit.GetProperty("seeds").GetProperty("selection").GetInt32());
        Assert.Equal(0, audit.GetProperty("llm_tokens").GetInt64());
        Assert.Equal(0.7, audit.GetProperty("optimizer_params").GetProperty("quality_weight").GetDouble());
        Assert.Equal(new[] { "orientation", "time_of_day" }, Keys(audit.GetProperty("optimizer_params").GetProperty("axis_emphasis")));
    }

    [Fact]
    public void Is_byte_identical_on_a_rerun_and_the_stage_json_holds_the_same_bytes()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0008.jpg");
        var first = Export(set);
        var bytes = File.ReadAllBytes(first.JsonPath);
        Assert.Equal(bytes, File.ReadAllBytes(first.StageJsonPath));
        using var other = new TempFolder();
        var second = Export(_shoot.Set("IMG_0003.jpg", "IMG_0008.jpg"), other.Path);
        Assert.Equal(bytes, File.ReadAllBytes(second.JsonPath));
        // Only created_at differs when the clock does.
        var later = Export(set, created: Created.AddHours(1));
        var a = File.ReadAllText(first.StageJsonPath);
        Assert.NotEqual(System.Text.Encoding.UTF8.GetString(bytes), File.ReadAllText(later.JsonPath));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes).Replace("2025-01-02T01:04:05.678Z", "2025-01-02T02:04:05.678Z"), File.ReadAllText(later.JsonPath));
        Assert.Equal(File.ReadAllText(later.JsonPath), a);
    }

    [Fact]
    public void Reads_stage_timings_and_llm_tokens_from_the_workspace()
    {
        StageTimingLog.Record(_shoot.Layout, "b1", "scoring", 12);
        StageTimingLog.Record(_shoot.Layout, "b1", "ingest", 40);
        StageTimingLog.Record(_shoot.Layout, "b1", "exporter", 99);
        Directory.CreateDirectory(Path.GetDirectoryName(_shoot.Layout.StageJsonPath("ranking", "b1"))!);
        File.WriteAllText(_shoot.Layout.StageJsonPath("ranking", "b1"), """{"batch_id":"b1","judge_costs":{"pairs_scored":4,"tokens_est":5120}}""");
        try
        {
            var export = Export(_shoot.Set("IMG_0003.jpg"));
            using var doc = JsonDocument.Parse(File.ReadAllText(export.JsonPath));
            var audit = doc.RootElement.GetProperty("audit");
            // Pipeline order; the exporter's own time is not in its own audit.
            Assert.Equal(new[] { "ingest", "scoring" }, Keys(audit.GetProperty("stage_timings_ms")));
            Assert.Equal(40, audit.GetProperty("stage_timings_ms").GetProperty("ingest").GetInt64());
            Assert.Equal(5120, audit.GetProperty("llm_tokens").GetInt64());
        }
        finally
        {
            File.Delete(_shoot.Layout.StageJsonPath("ranking", "b1"));
            File.Delete(StageTimingLog.PathFor(_shoot.Layout, "b1"));
        }
    }

    [Fact]
    public void Refuses_a_set_whose_sequence_or_ranks_are_not_one_to_n()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg");
        set.Items[1].Sequence = 5;
        var ex = Assert.Throws<ArgumentException>(() => CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path }, _ => { }));
        Assert.Contains("sequence numbers 1, 5", ex.Message);
        var ranks = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg");
        ranks.Items[0].Rank = 2;
        ranks.Items[1].Rank = 2;
        ex = Assert.Throws<ArgumentException>(() => CuratedListExport.Plan(ranks, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path }, _ => { }));
        Assert.Contains("ranks 2, 2", ex.Message);
    }

    [Fact]
    public void A_hand_built_set_numbered_by_rank_alone_keeps_that_order_as_its_sequence_and_is_ranked_by_quality()
    {
        var set = _shoot.Set("IMG_0009.jpg", "IMG_0003.jpg", "IMG_0005.jpg");
        foreach (var item in set.Items) (item.Rank, item.Sequence) = (item.Sequence, 0);
        var export = Export(set);
        using var doc = JsonDocument.Parse(File.ReadAllText(export.JsonPath));
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { "01_IMG_0009.jpg", "02_IMG_0003.jpg", "03_IMG_0005.jpg" }, items.Select(i => i.GetProperty("artifacts").GetProperty("exported").GetString()));
        var byQuality = set.Items.OrderByDescending(i => i.Total).ThenBy(i => i.PhotoId, StringComparer.Ordinal).Select(i => i.PhotoId).ToList();
        Assert.Equal(items.Select(i => byQuality.IndexOf(i.GetProperty("photo_id").GetString()!) + 1), items.Select(i => i.GetProperty("rank").GetInt32()));
    }

    public void Dispose() => _out.Dispose();
}
