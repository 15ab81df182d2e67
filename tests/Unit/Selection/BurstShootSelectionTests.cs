using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Selection;

/// <summary>Selection on real pixels through the engine: bursts of real photographs with blurred, dark and noisy frames.</summary>
[Collection(BurstShootCollection.Name)]
public sealed class BurstShootSelectionTests
{
    private readonly BurstShoot _shoot;
    private readonly ITestOutputHelper _output;

    public BurstShootSelectionTests(BurstShootFixture shoot, ITestOutputHelper output) => (_shoot, _output) = (shoot.Value, output);

    private CuratedSet Select(IEnumerable<Photo> photos, int count) =>
        new SelectionStage(_shoot.Theme, SelectionOptions.FromTheme(_shoot.Theme) with { Count = count })
            .Run(BurstShoot.BatchId, _shoot.Layout.Root, SelectionStage.MomentsFromPhotos(BurstShoot.BatchId, _shoot.Layout.Root, photos)).Set;

    [Fact]
    public void A_similarity_memo_shared_across_selections_changes_no_pick()
    {
        // The review server re-selects after each decision with one memo: each run must write the very
        // optimizer record a run without it writes, whatever was locked, excluded or counted before.
        var memo = new SimilarityMemo();
        var kept = _shoot.Photos.Where(p => !p.Score!.IsDropped).ToList();
        var settings = new (int Count, int Lock, int Exclude)[] { (5, -1, -1), (12, 3, -1), (5, -1, 0), (100, 1, 2), (5, -1, -1) };
        try
        {
            foreach (var (count, lockAt, excludeAt) in settings) Compare(count, lockAt, excludeAt);
        }
        finally
        {
            foreach (var p in _shoot.Photos) (p.IsLocked, p.IsExcluded) = (false, false);
        }

        void Compare(int count, int lockAt, int excludeAt)
        {
            foreach (var p in _shoot.Photos) (p.IsLocked, p.IsExcluded) = (false, false);
            if (lockAt >= 0) kept[lockAt].IsLocked = true;
            if (excludeAt >= 0) kept[excludeAt].IsExcluded = true;
            var options = SelectionOptions.FromTheme(_shoot.Theme) with { Count = count };
            var moments = SelectionStage.MomentsFromPhotos(BurstShoot.BatchId, _shoot.Layout.Root, _shoot.Photos);
            var plain = new SelectionStage(_shoot.Theme, options).Run(BurstShoot.BatchId, _shoot.Layout.Root, moments).Document;
            var remembered = new SelectionStage(_shoot.Theme, options, memo: memo).Run(BurstShoot.BatchId, _shoot.Layout.Root, moments).Document;
            Assert.Equal(PhotoCuration.Engine.Workspace.StageJson.Serialize(plain), PhotoCuration.Engine.Workspace.StageJson.Serialize(remembered));
        }
    }

    [Fact]
    public void The_shoot_has_frames_the_gate_dropped()
    {
        Assert.All(_shoot.Photos.Where(p => p.FileName.EndsWith("_f_black.jpg", StringComparison.Ordinal)), p => Assert.True(p.Score!.IsDropped, p.FileName));
        Assert.Contains(_shoot.Photos, p => !p.Score!.IsDropped);
    }

    [Fact]
    public void Dropped_frames_that_reach_selection_are_never_picked()
    {
        var set = Select(_shoot.Photos, 100);
        var dropped = _shoot.Photos.Where(p => p.Score!.IsDropped).Select(p => p.PhotoId).ToHashSet();
        Assert.DoesNotContain(set.Items, i => dropped.Contains(i.PhotoId));
        // Every moment with a kept frame is shown by one of them.
        var moments = _shoot.Photos.Where(p => !p.Score!.IsDropped).Select(p => p.MomentId).Distinct().Count();
        Assert.Equal(moments, set.Count);
        Assert.DoesNotContain(set.Items.SelectMany(i => i.Reasons), r => r.Contains("failed the technical gate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(0.67)]
    [InlineData(1.0)]
    public void Orders_stars_and_reasons_agree_on_a_real_selection(double share)
    {
        var count = Math.Max(4, (int)Math.Round(_shoot.Photos.Select(p => p.MomentId).Distinct().Count() * share));
        var set = Select(_shoot.Photos, count);
        foreach (var i in set.Items) _output.WriteLine($"#{i.Sequence} rank {i.Rank} {i.Rating}★ {i.Total:0.000} {i.FileName}: {string.Join(" | ", i.Reasons)}");
        var claims = CuratedSetInvariants.AssertHold(set);
        Assert.True(claims > 0, "the set has no coverage claim to check");
        var rho = CuratedSetInvariants.Spearman(set.Items.Select(i => (double)i.Rating).ToList(), set.Items.Select(i => i.Total).ToList());
        _output.WriteLine($"Spearman(stars, Total) over {set.Count} picks = {rho:0.000} (real photographs: {_shoot.RealPhotographs})");
        Assert.True(rho >= 0.9, $"Spearman(stars, Total) = {rho:0.000}");
    }

    [Fact]
    public void Stars_over_every_kept_frame_follow_total()
    {
        // With one pick per moment every kept frame can still be rated: stars must track quality across the whole shoot.
        var kept = StarRating.KeptTotals(_shoot.Photos);
        var photos = _shoot.Photos.Where(p => !p.Score!.IsDropped).ToList();
        var rho = CuratedSetInvariants.Spearman(photos.Select(p => (double)StarRating.For(p.Score, kept)).ToList(), photos.Select(p => p.Score!.Total).ToList());
        _output.WriteLine($"Spearman(stars, Total) over {photos.Count} kept frames = {rho:0.000}");
        Assert.True(rho >= 0.9, $"Spearman = {rho:0.000}");
    }

    [Fact]
    public void A_locked_dropped_frame_is_picked_with_its_gate_failure_in_its_reasons()
    {
        var dropped = _shoot.Photos.First(p => p.Score!.IsDropped);
        // As ingest and scoring mark a locked photo: kept in, its drop reasons recorded.
        var locked = new Photo
        {
            PhotoId = dropped.PhotoId, FileName = dropped.FileName, Path = dropped.Path, MomentId = dropped.MomentId, Features = dropped.Features, IsLocked = true,
            Score = Engine.Scoring.Scorecard.Score(dropped.Features!, _shoot.Theme, isLocked: true),
        };
        Assert.False(locked.Score.IsDropped);
        var set = Select(_shoot.Photos.Where(p => p.PhotoId != dropped.PhotoId).Append(locked), 5);
        var item = Assert.Single(set.Items, i => i.PhotoId == locked.PhotoId);
        Assert.StartsWith("locked in by the user; failed the technical gate: " + string.Join(", ", locked.Score.DropReasons), item.Reasons[0]);
        Assert.Equal(1, item.Rating);
    }
}
