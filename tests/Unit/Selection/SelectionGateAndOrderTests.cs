using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Selection;
using Xunit;
using static PhotoCuration.Tests.Moments.MomentFixtures;

namespace PhotoCuration.Tests.Selection;

/// <summary>The gate's verdict in selection, rank against sequence, stars, set-wide reasons and honest model-free axes.</summary>
public class SelectionGateAndOrderTests
{
    private static readonly PhotoTheme Theme = new() { Name = "test", Hash = "h", QTechMin = 0.3 };

    private static CuratedSet Select(IEnumerable<Photo> photos, SelectionOptions options) =>
        new SelectionStage(Theme, options).Run("b1", "/ws", SelectionStage.MomentsFromPhotos("b1", "/ws", photos)).Set;

    /// <summary>As the scorecard marks a photo that failed the gate: dropped unless locked, reasons either way.</summary>
    private static Photo FailedGate(Photo p, params string[] reasons)
    {
        p.Score!.IsDropped = !p.IsLocked;
        p.Score.Verdict = GateVerdict.Dropped;
        p.Score.DropReasons = reasons;
        return p;
    }

    private static List<Photo> Varied(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i => Photo($"p{i:00}", Math.Round(0.3 + 0.6 * random.NextDouble(), 3), pHash: RandomHash(random).ToString("x16"),
            palette: new[] { $"#{random.Next(0x1000000):x6}" }, timeOfDay: new[] { "morning", "golden", "night", "midday", "dusk" }[random.Next(5)],
            orientation: random.Next(3) == 0 ? "Portrait" : "Landscape", typography: random.NextDouble(), composition: random.NextDouble())).ToList();
    }

    [Fact]
    public void A_photo_that_failed_the_gate_is_never_picked_even_as_the_best_of_its_moment()
    {
        // -IncludeDropped upstream: the dropped frame reaches selection and has the best Total of its moment.
        var dark = FailedGate(Photo("dark", 0.95, pHash: "00ff00ff00ff00ff"), "underexposed", "blur");
        var sibling = Photo("sibling", 0.60, pHash: "00ff00ff00ff00fe");
        dark.MomentId = sibling.MomentId = "m_0001";
        var alone = FailedGate(Photo("alone", 0.99, pHash: "ffff0000ffff0000"), "blur");
        var others = Varied(4, 3);
        var set = Select(others.Append(dark).Append(sibling).Append(alone), new SelectionOptions { Count = 10 });
        Assert.DoesNotContain(set.Items, i => i.PhotoId == dark.PhotoId || i.PhotoId == alone.PhotoId);
        var hero = Assert.Single(set.Items, i => i.PhotoId == sibling.PhotoId);
        Assert.StartsWith("hero of moment m_0001", hero.Reasons[0]);
        Assert.Equal(5, set.Count);
        Assert.Equal(5, set.CandidateCount);
    }

    [Fact]
    public void A_locked_photo_that_failed_the_gate_is_picked_and_says_it_failed()
    {
        var blurred = Photo("blurred", 0.2, pHash: "00ff00ff00ff00ff");
        blurred.IsLocked = true;
        FailedGate(blurred, "blur");
        var set = Select(Varied(6, 5).Append(blurred), new SelectionOptions { Count = 3 });
        var item = Assert.Single(set.Items, i => i.PhotoId == blurred.PhotoId);
        Assert.Equal("locked in by the user; failed the technical gate: blur (Q_tech 0.20, gate 0.30)", item.Reasons[0]);
        Assert.Equal(StarRating.FailedGateStars, item.Rating);
        Assert.Contains(item.Reasons, r => r.StartsWith("1 star: failed the technical gate", StringComparison.Ordinal));
        CuratedSetInvariants.AssertHold(set);
    }

    [Fact]
    public void A_flagged_photo_stays_a_candidate_its_reasons_show_the_flag_and_its_stars_are_capped()
    {
        var photos = Varied(8, 9);
        var flagged = photos.OrderByDescending(p => p.Score!.Total).First();
        flagged.Score!.Verdict = GateVerdict.Flagged;
        flagged.Score.FlagReasons = new[] { "blur" };
        var set = Select(photos, new SelectionOptions { Count = 8 });
        var item = Assert.Single(set.Items, i => i.PhotoId == flagged.PhotoId);
        Assert.Contains(item.Reasons, r => r.StartsWith("flagged by the technical gate: blur", StringComparison.Ordinal));
        Assert.Equal(1, item.Rank);
        Assert.Equal(StarRating.FlaggedCap, item.Rating);
        Assert.Contains(item.Reasons, r => r.EndsWith($"at most {StarRating.FlaggedCap} while flagged", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_is_quality_order_and_sequence_is_layout_order()
    {
        var photos = Varied(30, 11);
        var set = Select(photos, new SelectionOptions { Count = 12, AxisEmphasis = SelectionOptions.DefaultEmphasis });
        Assert.Equal(Enumerable.Range(1, 12), set.Items.Select(i => i.Sequence));
        Assert.Equal("opener", set.Items[0].Role);
        Assert.Equal("closer", set.Items[^1].Role);
        var best = set.Items.OrderByDescending(i => i.Total).ThenBy(i => i.PhotoId, StringComparer.Ordinal).First();
        Assert.Equal(1, best.Rank);
        Assert.NotEqual(set.Items.Select(i => i.Rank), set.Items.Select(i => i.Sequence));
        CuratedSetInvariants.AssertHold(set);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(42)]
    public void Reasons_never_contradict_the_sequence_or_the_rank(int seed)
    {
        var photos = Varied(40, seed);
        // Several photos share each time of day: coverage claims must still hold over the whole set.
        var set = Select(photos, new SelectionOptions { Count = 10, AxisEmphasis = SelectionOptions.DefaultEmphasis });
        CuratedSetInvariants.AssertHold(set);
        var only = set.Items.SelectMany(i => i.Reasons).Where(r => r.StartsWith("the only ", StringComparison.Ordinal)).ToList();
        foreach (var value in set.Items.GroupBy(i => i.Axes[CoverageAxes.TimeOfDay]).Where(g => g.Count() == 1).Select(g => g.Key))
        {
            Assert.Contains($"the only time_of_day:{value} photo in the set", only);
        }
    }

    [Fact]
    public void Without_clip_visual_groups_are_looks_covered_silently_and_people_unknown_raises_nothing()
    {
        var photos = Varied(40, 7);
        for (var i = 0; i < photos.Count; i++) photos[i].Features!.TimeOfDay = new[] { "morning", "golden", "night", "midday", "dusk", "afternoon", "dawn" }[i % 7];
        var set = Select(photos, new SelectionOptions { Count = 5, AxisEmphasis = SelectionOptions.DefaultEmphasis });
        Assert.All(set.Items, i => Assert.Equal(CoverageAxes.Unknown, i.Axes[CoverageAxes.SceneType]));
        Assert.All(set.Items, i => Assert.Matches("^look:[0-9]+$", Assert.Single(i.Tags, t => t.StartsWith("look:", StringComparison.Ordinal))));
        Assert.DoesNotContain(set.Items.SelectMany(i => i.Tags), t => t.StartsWith("scene_type:", StringComparison.Ordinal) || t.StartsWith("people_count:", StringComparison.Ordinal));
        Assert.True(set.Coverage[CoverageAxes.Look] < 0.5, "few looks shown: a prompt would have been raised before");
        Assert.DoesNotContain(set.Prompts, p => p.Contains("look", StringComparison.Ordinal) || p.Contains("scene", StringComparison.Ordinal) || p.Contains("people", StringComparison.Ordinal));
    }

    [Fact]
    public void With_clip_scene_types_are_labels_and_a_thin_scene_axis_is_prompted()
    {
        var photos = Varied(40, 8);
        string[] scenes = { "beach", "forest", "city", "mountain", "interior", "street" };
        for (var i = 0; i < photos.Count; i++) photos[i].Features!.SceneType = scenes[i % scenes.Length];
        var set = Select(photos, new SelectionOptions { Count = 2, AxisEmphasis = SelectionOptions.DefaultEmphasis });
        Assert.All(set.Items, i => Assert.Contains(i.Axes[CoverageAxes.SceneType], scenes));
        Assert.All(set.Items, i => Assert.Equal(CoverageAxes.Unknown, i.Axes[CoverageAxes.Look]));
        Assert.Contains(set.Prompts, p => p.StartsWith("scene_type is thin", StringComparison.Ordinal));
    }

    [Fact]
    public void Look_takes_the_scene_type_emphasis_unless_set_on_its_own()
    {
        Assert.Equal(1.0, CoverageAxes.Emphasis(SelectionOptions.DefaultEmphasis, CoverageAxes.Look));
        Assert.Equal(0.2, CoverageAxes.Emphasis(new Dictionary<string, double> { ["scene_type"] = 1, ["look"] = 0.2 }, CoverageAxes.Look));
        Assert.Equal(0, CoverageAxes.Emphasis(new Dictionary<string, double>(), CoverageAxes.Look));
    }

    [Theory]
    [InlineData(1.00, 5)]
    [InlineData(0.90, 5)]
    [InlineData(0.89, 4)]
    [InlineData(0.70, 4)]
    [InlineData(0.69, 3)]
    [InlineData(0.40, 3)]
    [InlineData(0.39, 2)]
    [InlineData(0.15, 2)]
    [InlineData(0.14, 1)]
    [InlineData(0.00, 1)]
    public void Stars_follow_the_documented_percentile_bands(double percentile, int stars) =>
        Assert.Equal(stars, StarRating.ForPercentile(percentile));

    [Fact]
    public void The_percentile_is_a_mid_rank_among_the_kept_photos()
    {
        double[] totals = { 0.1, 0.2, 0.2, 0.5, 0.9 };
        Assert.Equal(1.0, StarRating.Percentile(0.9, totals));
        Assert.Equal(0.0, StarRating.Percentile(0.1, totals));
        Assert.Equal((1 + 0.5) / 4, StarRating.Percentile(0.2, totals));
        Assert.Equal(1.0, StarRating.Percentile(0.4, new[] { 0.4 }));
    }

    [Fact]
    public void The_optimizer_record_round_trips_rank_sequence_and_stars()
    {
        var photos = Varied(20, 13);
        var outcome = new SelectionStage(Theme, new SelectionOptions { Count = 6 }).Run("b1", "/ws", SelectionStage.MomentsFromPhotos("b1", "/ws", photos));
        Assert.Equal(outcome.Set.Items.Select(i => i.PhotoId), outcome.Document.SelectedIds);
        Assert.All(outcome.Set.Items, i => Assert.Equal(i.Rank, outcome.Document.Ranks[i.PhotoId]));
        Assert.All(outcome.Set.Items, i => Assert.Equal(i.Rating, outcome.Document.Ratings[i.PhotoId]));
    }
}
