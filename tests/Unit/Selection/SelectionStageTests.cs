using Xunit;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Workspace;
using static PhotoCuration.Tests.Moments.MomentFixtures;

namespace PhotoCuration.Tests.Selection;

public class SelectionStageTests
{
    private static readonly PhotoTheme Theme = new() { Name = "test", Hash = "h" };

    private static IReadOnlyList<PhotoMoment> Singles(IEnumerable<Photo> photos) => SelectionStage.MomentsFromPhotos("b1", "/ws", photos);

    /// <summary>Eight strong near-identical frames of one scene (different moments) and six weaker frames of six other scenes.</summary>
    private static List<Photo> OneStrongScene()
    {
        var photos = new List<Photo>();
        for (var i = 0; i < 8; i++) photos.Add(Photo($"strong{i}", 0.90 - i * 0.005, pHash: Flip(0x00ff00ff00ff00ffUL, i).ToString("x16"), palette: new[] { "#2060c0" }));
        string[] colours = { "#c04020", "#20a040", "#e0c020", "#8040a0", "#202020", "#e0e0e0" };
        var random = new Random(4);
        for (var i = 0; i < 6; i++) photos.Add(Photo($"other{i}", 0.70 - i * 0.01, pHash: RandomHash(random).ToString("x16"), palette: new[] { colours[i] }));
        return photos;
    }

    private static SelectionStage.Outcome Run(IEnumerable<Photo> photos, SelectionOptions options) =>
        new SelectionStage(Theme, options).Run("b1", "/ws", Singles(photos));

    [Fact]
    public void Diversity_covers_more_scenes_than_top_n_by_score()
    {
        var photos = OneStrongScene();
        var diverse = Run(photos, new SelectionOptions { Count = 6 }).Set;
        var scenes = diverse.Items.Select(i => i.FileName.StartsWith("strong", StringComparison.Ordinal) ? "strong" : i.FileName).Distinct().Count();
        Assert.True(scenes >= 4, $"{scenes} scenes: {string.Join(", ", diverse.Items.Select(i => i.FileName))}");
    }

    [Fact]
    public void Diversity_weight_zero_gives_exactly_the_top_n_by_total()
    {
        var photos = OneStrongScene();
        var top = Run(photos, new SelectionOptions { Count = 6, DiversityWeight = 0 }).Set;
        var expected = photos.OrderByDescending(p => p.Score!.Total).ThenBy(p => p.PhotoId, StringComparer.Ordinal).Take(6).Select(p => p.PhotoId).OrderBy(x => x);
        Assert.Equal(expected, top.Items.Select(i => i.PhotoId).OrderBy(x => x));
    }

    [Fact]
    public void Lazy_greedy_picks_what_plain_greedy_picks()
    {
        var random = new Random(21);
        var photos = Enumerable.Range(0, 40).Select(i => Photo($"p{i:00}", Math.Round(random.NextDouble(), 3), pHash: RandomHash(random).ToString("x16"),
            palette: new[] { $"#{random.Next(0x1000000):x6}" }, timeOfDay: new[] { "morning", "golden", "night", "midday" }[random.Next(4)],
            orientation: random.Next(3) == 0 ? "Portrait" : "Landscape")).ToList();
        var options = new SelectionOptions { Count = 12, AxisEmphasis = SelectionOptions.DefaultEmphasis };
        var lazy = Run(photos, options).Set.Items.OrderBy(i => i.PickOrder).Select(i => i.PhotoId).ToList();
        Assert.Equal(PlainGreedy(photos, options), lazy);
    }

    /// <summary>Plain greedy over the same objective: every gain recomputed every round.</summary>
    private static List<string> PlainGreedy(List<Photo> photos, SelectionOptions options)
    {
        var chosen = new List<string>();
        var remaining = photos.ToList();
        for (var round = 0; round < options.Count; round++)
        {
            string? best = null;
            double bestValue = double.NegativeInfinity;
            foreach (var p in remaining.OrderBy(p => p.PhotoId, StringComparer.Ordinal))
            {
                var trial = photos.Where(x => chosen.Contains(x.PhotoId) || x.PhotoId == p.PhotoId).ToList();
                // Objective of (chosen + p) minus objective of chosen, via locked seeding of the stage itself.
                var value = Objective(photos, chosen.Append(p.PhotoId).ToList(), options) - Objective(photos, chosen, options);
                if (value > bestValue + 1e-12) (best, bestValue) = (p.PhotoId, value);
            }
            chosen.Add(best!);
            remaining.RemoveAll(p => p.PhotoId == best);
        }
        return chosen;
    }

    private static double Objective(List<Photo> photos, List<string> set, SelectionOptions options)
    {
        if (set.Count == 0) return 0;
        var copies = photos.Select(p => Photo(p.PhotoId[7..], p.Score!.Total, pHash: p.Features!.PHash, palette: p.Features.Palette,
            timeOfDay: p.Features.TimeOfDay, orientation: p.Features.Orientation)).ToList();
        foreach (var c in copies) c.IsLocked = set.Contains(c.PhotoId);
        return Run(copies, options with { Count = set.Count }).Set.Objective;
    }

    [Fact]
    public void Locked_photos_are_chosen_first_and_excluded_ones_never()
    {
        var photos = OneStrongScene();
        var weakest = photos.OrderBy(p => p.Score!.Total).First();
        var best = photos.OrderByDescending(p => p.Score!.Total).First();
        weakest.IsLocked = true;
        best.IsExcluded = true;
        var set = Run(photos, new SelectionOptions { Count = 4 }).Set;
        Assert.Contains(set.Items, i => i.PhotoId == weakest.PhotoId && i.IsLocked && i.PickOrder == 1 && i.Reasons[0] == "locked in by the user");
        Assert.DoesNotContain(set.Items, i => i.PhotoId == best.PhotoId);
        Assert.Equal(4, set.Count);
    }

    [Fact]
    public void One_photo_per_moment_unless_allowed()
    {
        var at = new DateTime(2024, 1, 1, 10, 0, 0);
        var burst = Enumerable.Range(0, 5).Select(i => Photo($"burst{i}", 0.9 - i * 0.01, at.AddSeconds(i))).ToList();
        foreach (var p in burst) p.MomentId = "m_0001";
        var single = Photo("single", 0.3, at.AddHours(2), pHash: "f0f0f0f0f0f0f0f0");
        single.MomentId = "m_0002";
        var all = burst.Append(single).ToList();
        var one = new SelectionStage(Theme, new SelectionOptions { Count = 3 }).Run("b1", "/ws", SelectionStage.MomentsFromPhotos("b1", "/ws", all)).Set;
        Assert.Equal(2, one.Count);
        Assert.Equal(1, one.Items.Count(i => i.MomentId == "m_0001"));
        var two = new SelectionStage(Theme, new SelectionOptions { Count = 3, MaxPerMoment = 2 }).Run("b1", "/ws", SelectionStage.MomentsFromPhotos("b1", "/ws", all)).Set;
        Assert.Equal(2, two.Items.Count(i => i.MomentId == "m_0001"));
        Assert.Contains(two.Items, i => i.Reasons.Any(r => r.StartsWith("frame 2 of 5 in moment m_0001", StringComparison.Ordinal)));
    }

    [Fact]
    public void Roles_follow_the_quotas_with_the_opener_first_and_the_closer_last()
    {
        var photos = OneStrongScene();
        var opener = photos[10];
        opener.Score!.Typography = 1;
        opener.Score.Composition = 1;
        var set = Run(photos, new SelectionOptions { Count = 6 }).Set;
        Assert.Equal(Enumerable.Range(1, 6), set.Items.Select(i => i.Sequence));
        Assert.Equal(Enumerable.Range(1, 6), set.Items.Select(i => i.Rank).Order());
        Assert.Equal("opener", set.Items[0].Role);
        Assert.Equal(opener.PhotoId, set.Items[0].PhotoId);
        Assert.Equal("closer", set.Items[^1].Role);
        Assert.Equal(4, set.Items.Count(i => i.Role == "body"));
        Assert.All(set.Items, i => Assert.InRange(i.RoleProbability, 0, 1));
    }

    [Fact]
    public void A_thin_emphasised_axis_raises_a_prompt()
    {
        var photos = OneStrongScene();
        var set = Run(photos, new SelectionOptions { Count = 4, AxisEmphasis = SelectionOptions.DefaultEmphasis }).Set;
        Assert.Contains(set.Prompts, p => p.StartsWith("need more golden, night or dusk shots?", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_name_what_a_pick_adds()
    {
        var photos = OneStrongScene();
        photos[9].Features!.TimeOfDay = "night";
        var set = Run(photos, new SelectionOptions { Count = 6, AxisEmphasis = SelectionOptions.DefaultEmphasis }).Set;
        var night = Assert.Single(set.Items, i => i.PhotoId == photos[9].PhotoId);
        Assert.Contains("the only time_of_day:night photo in the set", night.Reasons);
        Assert.Contains("time_of_day:night", night.Tags);
        Assert.Equal(1, set.Coverage["time_of_day"]);
    }

    [Fact]
    public void The_optimizer_json_has_the_contract_shape_and_is_deterministic()
    {
        var a = StageJson.Serialize(Run(OneStrongScene(), new SelectionOptions { Count = 5 }).Document);
        var b = StageJson.Serialize(Run(Enumerable.Reverse(OneStrongScene()), new SelectionOptions { Count = 5 }).Document);
        Assert.Equal(a, b);
        foreach (var key in new[] { "\"batch_id\"", "\"selected_ids\"", "\"roles\"", "\"prob\"", "\"coverage\"", "\"marginal_gains\"", "\"prompts\"" }) Assert.Contains(key, a);
    }

    [Theory]
    [InlineData("#808080", "neutral")]
    [InlineData("#101010", "neutral-dark")]
    [InlineData("#2060c0", "blue")]
    [InlineData("#20a040", "green")]
    [InlineData("#e0c020", "yellow")]
    [InlineData("#e07020", "orange")]
    public void Palette_families_are_named_by_hue(string colour, string family) =>
        Assert.Equal(family, CoverageAxes.PaletteFamily(new[] { colour }));
}
