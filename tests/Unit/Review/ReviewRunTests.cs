using PhotoCuration.Engine.Workspace;
using System.Text.Json;
using PhotoCuration.Engine.Review;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>Actions of the review page through <see cref="ReviewSession"/>: overrides file written, selection and export re-run in process.</summary>
public sealed class ReviewRunTests : IDisposable
{
    private readonly ReviewedShoot _shoot = new();
    private readonly List<string> _warnings = new();

    private ReviewSession Session() => new(_shoot.Layout.Root, ReviewedShoot.BatchId, "token", _warnings.Add);

    private ReviewAction Act(string action, string? photoId = null, string? axis = null, double? delta = null) =>
        new() { Action = action, PhotoId = photoId, Axis = axis, Delta = delta };

    private List<string> CuratedIds()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(_shoot.CuratedListPath));
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("photo_id").GetString()!).ToList();
    }

    [Fact]
    public void Lock_of_an_unselected_photo_selects_it_and_rewrites_curated_list()
    {
        var session = Session();
        var before = CuratedIds();
        var outsider = _shoot.Photos.First(p => p.Score is { IsDropped: false } && !before.Contains(p.PhotoId));
        var outcome = session.Apply(Act("lock", outsider.PhotoId), _warnings.Add);
        Assert.Contains(outsider.PhotoId, outcome.Run.Set.Items.Select(i => i.PhotoId));
        Assert.Contains(outsider.PhotoId, CuratedIds());
        Assert.Equal(ReviewedShoot.Count, CuratedIds().Count);
        Assert.Contains(outsider.PhotoId, BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId)!.UserOverrides.LockIn);
        Assert.Equal(1, session.Generation);
        Assert.Contains("locked", outcome.Message);
        Assert.Contains("<span class=\"badge\">locked</span>", session.Page);
        Assert.Empty(outcome.Run.Problems);
    }

    [Fact]
    public void A_decision_answers_with_the_changed_pieces_exactly_as_the_full_page_then_holds_them()
    {
        var session = Session();
        var before = CuratedIds();
        var outsider = _shoot.Photos.First(p => p.Score is { IsDropped: false } && !before.Contains(p.PhotoId));
        var patch = session.Apply(Act("lock", outsider.PhotoId), _warnings.Add).Patch;
        var page = session.Page;
        // The locked photo's tile, entry and card come back; so does every pick whose place moved.
        Assert.Contains(outsider.PhotoId, patch.Tiles.Keys);
        Assert.Contains(outsider.PhotoId, patch.Photos.Keys);
        Assert.Contains(outsider.PhotoId, patch.Cards.Keys);
        Assert.Equal(session.SelectedIds, patch.Order);
        Assert.Contains(" locked", patch.Tiles[outsider.PhotoId]);
        Assert.Equal(true, patch.Photos[outsider.PhotoId]["locked"]);
        // Each piece is verbatim what a reload shows.
        Assert.All(patch.Tiles.Values.Concat(patch.Cards.Values).Concat(patch.Frames.Values).Concat(patch.Dropped.Values).Concat(patch.Sections.Values),
            piece => Assert.Contains(piece, page));
        Assert.Equal(new[] { "coverage", "excluded", "prompts", "run", "selected-title", "summary" }, patch.Sections.Keys.Order(StringComparer.Ordinal));
        // Photos the decision did not touch are not sent: the patch is a small part of the page.
        Assert.True(patch.Tiles.Count < _shoot.Photos.Count, $"{patch.Tiles.Count} tiles for {_shoot.Photos.Count} photos");
        Assert.DoesNotContain("data:image", page);

        // Undo sends the tile back as it was before the lock.
        var undone = session.Apply(Act("undo"), _warnings.Add).Patch;
        Assert.DoesNotContain(" locked", undone.Tiles[outsider.PhotoId].Split('>')[0]);
        Assert.Equal(before.Order(StringComparer.Ordinal), undone.Order.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Exclude_of_a_selected_photo_removes_it_and_unlock_brings_it_back()
    {
        var session = Session();
        var victim = CuratedIds()[0];
        session.Apply(Act("exclude", victim), _warnings.Add);
        Assert.DoesNotContain(victim, CuratedIds());
        Assert.DoesNotContain(victim, session.SelectedIds);
        Assert.Equal(ReviewedShoot.Count, CuratedIds().Count);
        session.Apply(Act("unlock", victim), _warnings.Add);
        Assert.Contains(victim, CuratedIds());
        Assert.Empty(BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId)!.UserOverrides.Exclude);
    }

    [Fact]
    public void Excluding_a_selected_hero_lets_the_next_frame_of_its_moment_compete()
    {
        var session = Session();
        var batch = ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId);
        var moment = batch.Moments().First(m => m.Members.Length > 1 && CuratedIds().Contains(m.Hero!.PhotoId));
        session.Apply(Act("exclude", moment.Hero!.PhotoId), _warnings.Add);
        var candidates = batch.Optimizer!.Candidates;
        Assert.Equal(candidates, ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId).Optimizer!.Candidates);
    }

    [Fact]
    public void A_photo_the_gate_dropped_can_be_locked_in()
    {
        var session = Session();
        var dropped = _shoot.Photos.First(p => p.Score is { IsDropped: true });
        session.Apply(Act("lock", dropped.PhotoId), _warnings.Add);
        Assert.Contains(dropped.PhotoId, CuratedIds());
    }

    [Fact]
    public void Emphasis_nudge_is_written_and_used_by_the_next_selection()
    {
        var session = Session();
        var before = session.AxisEmphasis["time_of_day"];
        session.Apply(Act("emphasis", axis: "time_of_day", delta: 0.25), _warnings.Add);
        Assert.Equal(before + 0.25, session.AxisEmphasis["time_of_day"], 6);
        Assert.Equal(before + 0.25, BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId)!.AxisEmphasis["time_of_day"], 6);
        Assert.Throws<ArgumentException>(() => session.Apply(Act("emphasis", axis: "colour", delta: 1), _warnings.Add));
    }

    [Fact]
    public void Unknown_photo_or_action_is_refused_and_nothing_is_written()
    {
        var session = Session();
        Assert.Throws<ArgumentException>(() => session.Apply(Act("lock", "sha256:" + new string('0', 64)), _warnings.Add));
        Assert.Throws<ArgumentException>(() => session.Apply(Act("lock", "../../etc/passwd"), _warnings.Add));
        Assert.Null(BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId));
        Assert.Throws<ArgumentException>(() => ReviewAction.Parse("{\"action\":\"delete\",\"photo_id\":\"x\"}"));
        Assert.Throws<ArgumentException>(() => ReviewAction.Parse("{\"action\":\"lock\"}"));
        Assert.Throws<ArgumentException>(() => ReviewAction.Parse("{\"action\":\"emphasis\",\"axis\":\"time_of_day\"}"));
        Assert.Throws<ArgumentException>(() => ReviewAction.Parse("not json"));
    }

    [Fact]
    public void Re_run_with_no_change_gives_the_same_optimizer_record()
    {
        var path = _shoot.Layout.StageJsonPath("optimizer", ReviewedShoot.BatchId);
        var first = File.ReadAllText(path);
        var batch = ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId);
        ReviewRun.Run(batch, null, _warnings.Add);
        Assert.Equal(first, File.ReadAllText(path));
    }

    public void Dispose() => _shoot.Dispose();
}
