using Xunit;
using PhotoCuration.Engine.Curation;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;

namespace PhotoCuration.Tests.Curation;

/// <summary>
/// The global steps on compact records, full photos rebuilt part by part (docs/architecture.md#archive-scale),
/// give the documents the full-photo path gives, byte for byte: grouping, ranking inside moments,
/// selection, on a few thousand synthetic photos with copies, locks, excludes and dropped frames, in
/// parts far smaller than the batch.
/// </summary>
public class PartwiseCurationTests
{
    private const int Photos = 2400;
    private const int Part = 97;

    private static readonly string[] Locked = { ArchiveShoot.Name(40), ArchiveShoot.Name(41), ArchiveShoot.Name(1203) };
    private static readonly string[] Excluded = { ArchiveShoot.Name(7), ArchiveShoot.Name(333), ArchiveShoot.Name(2000) };

    private sealed record Documents(string Clustering, string Optimizer, string Items, int Held, int Kept);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Partwise_grouping_and_selection_write_the_documents_of_the_full_photos(int maxPerMoment)
    {
        using var folder = new TempFolder();
        var scoring = ArchiveShoot.Write(folder.Path, Photos, seed: 11, copyEvery: 150, Locked, Excluded);
        var theme = ThemeLoader.BuiltIn();
        var options = SelectionOptions.FromTheme(theme) with { Count = 60, MaxPerMoment = maxPerMoment };

        var full = Full(scoring, folder.Path, theme, options);
        var partwise = Partwise(scoring, folder.Path, theme, options, Part);

        Assert.Equal(full.Clustering, partwise.Clustering);
        Assert.Equal(full.Optimizer, partwise.Optimizer);
        Assert.Equal(full.Items, partwise.Items);
        Assert.Equal(full.Kept, partwise.Kept);
        // The shoot exercises what it should, and the partwise selection held few full photos.
        Assert.Contains("\"exact_duplicates\": {\n        \"sha256:", full.Clustering);
        Assert.Contains(Locked[0], full.Items);
        Assert.True(partwise.Held < full.Held / 3, $"partwise held {partwise.Held} candidates' photos, the full path {full.Held}");
    }

    [Fact]
    public void A_record_of_a_photo_ingest_never_listed_is_reported_once_whatever_the_parts()
    {
        using var folder = new TempFolder();
        var scoring = ArchiveShoot.Write(folder.Path, 300, seed: 5, copyEvery: 1000);
        var text = File.ReadAllText(scoring);
        var id = text[(text.IndexOf("\"photo_id\": \"", StringComparison.Ordinal) + 13)..][..71];
        var stranger = "sha256:" + new string('e', 64);
        File.WriteAllText(scoring, text.Replace(id, stranger, StringComparison.Ordinal));

        var fullProblems = new List<string>();
        var fullKept = StageImporter.Import(scoring, folder.Path, includeDropped: true, p => fullProblems.Add(p.Message), _ => { }).Cast<Photo>().Count();
        var partProblems = new List<string>();
        var batch = PartwiseBatch.Load(StageImporter.PerPhotoContext(scoring, folder.Path, includeDropped: true, p => partProblems.Add(p.Message), _ => { }), 40);

        Assert.Single(fullProblems);
        Assert.Contains(stranger, fullProblems[0]);
        Assert.Equal(fullProblems, partProblems);
        Assert.Equal(fullKept, batch.Kept.Count + batch.Dropped.Count);
        Assert.DoesNotContain(batch.Kept, r => r.PhotoId == id);
    }

    [Fact]
    public void Parts_hold_whole_moments_in_order_and_never_more_photos_than_asked_unless_one_moment_is_larger()
    {
        var clusters = new[] { new[] { 0, 1 }, new[] { 2 }, new[] { 3, 4, 5, 6, 7 }, new[] { 8 }, new[] { 9, 10 } };
        var parts = PartwiseMomentStage.Parts(clusters, 3).ToList();
        Assert.Equal(new[] { new[] { 0, 1 }, new[] { 2 }, new[] { 3, 4 } }, parts.Select(p => p.ToArray()).ToArray());
    }

    private static Documents Full(string scoring, string workspace, PhotoTheme theme, SelectionOptions options)
    {
        var photos = StageImporter.Import(scoring, workspace, includeDropped: true, _ => { }, _ => { }).Cast<Photo>().ToList();
        var kept = photos.Where(p => p.Score is { IsDropped: false }).ToList();
        var grouped = new MomentStage(theme, MomentStage.ParametersFor(theme), calibrate: false).Run(ArchiveShoot.BatchId, workspace, kept, Array.Empty<StageError>());
        var clustering = StageJson.Serialize(grouped.Document);
        var stage = new SelectionStage(theme, options);
        var selected = stage.Run(ArchiveShoot.BatchId, workspace, grouped.Moments);
        return new Documents(clustering, StageJson.Serialize(selected.Document), Items(selected.Set), kept.Count, kept.Count);
    }

    private static Documents Partwise(string scoring, string workspace, PhotoTheme theme, SelectionOptions options, int part)
    {
        var batch = PartwiseBatch.Load(StageImporter.PerPhotoContext(scoring, workspace, includeDropped: true, _ => { }, _ => { }), part);
        var stage = new SelectionStage(theme, options);
        var gathered = new PartwiseCandidates(stage, theme, options, batch.Rebuild);
        var grouped = new PartwiseMomentStage(theme, MomentStage.ParametersFor(theme), calibrate: false)
            .Run(new PartwiseMomentStage.Input(ArchiveShoot.BatchId, workspace, batch.Kept, batch.Rebuild, Array.Empty<StageError>(), part, gathered.Add), CancellationToken.None);
        var clustering = StageJson.Serialize(grouped.Document);
        var selected = stage.Run(ArchiveShoot.BatchId, workspace, gathered.Kept, gathered.KeyLines(), gathered.Whole);
        return new Documents(clustering, StageJson.Serialize(selected.Document), Items(selected.Set), gathered.Kept.Count, batch.Kept.Count);
    }

    /// <summary>What the curated list is made of: each pick's photo (its score after ranking, moment, paths) and item.</summary>
    private static string Items(CuratedSet set) => string.Join("\n", set.Items.Select(i =>
        $"{i.PhotoId}|{i.Sequence}|{i.Rank}|{i.Rating}|{i.Role}|{i.MomentId}|{i.Photo.MomentId}|{i.Photo.Score?.Total:R}|{i.Photo.Score?.Verdict}|{string.Join(",", i.Photo.Score?.FlagReasons ?? Array.Empty<string>())}|{i.Photo.Preprocess?.RankingPath}|{string.Join(";", i.Reasons)}|{i.Photo.FileName}"));
}
