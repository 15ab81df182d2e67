using PhotoCuration.Engine.Themes;
using Xunit;

namespace PhotoCuration.Tests.Themes;

public sealed class ThemeLoaderTests
{
    private const string Autumn = """
        name: autumn-editorial
        description: Warm, quiet autumn story for a 24-page book
        palette: ["#8B4513", "#D2691E", "#F4A460", "#2F4F4F"]
        mood: ["warm golden light", "quiet", "intimate"]
        weights: {q_tech: 0.30, aesthetic: 0.25, vibe: 0.20, typography: 0.10, composition: 0.15}
        gates: {q_tech_min: 0.35}
        moments: {time_gap_seconds: 20, phash_max_distance: 12}
        selection:
          count: 24
          quality_weight: 0.7
          diversity_weight: 0.3
          role_quotas: {opener: 1, closer: 1}
          axis_emphasis: {time_of_day: 1.0, scene_type: 1.0, palette_cluster: 0.5, people_count: 0.5, orientation: 0.8}
        ranking: {judge: none, model: gpt-4o-mini, max_pairs_per_cluster: 6, finalists: 20, token_budget: 200000}
        """;

    [Fact]
    public void Spec_example_theme_loads_with_every_value()
    {
        var theme = ThemeLoader.Parse(Autumn, "autumn.yaml");
        Assert.Equal("autumn-editorial", theme.Name);
        Assert.Equal(new[] { "#8B4513", "#D2691E", "#F4A460", "#2F4F4F" }, theme.Palette);
        Assert.Equal(3, theme.Mood.Length);
        Assert.Equal(0.35, theme.QTechMin);
        Assert.Equal(0.25, theme.Weights.Aesthetic);
        Assert.Equal(12, theme.MomentPHashMaxDistance);
        Assert.Equal(1, theme.RoleQuotas["opener"]);
        Assert.Equal(0.8, theme.AxisEmphasis["orientation"]);
        Assert.Equal("none", theme.Judge);
        Assert.Matches("^[0-9a-f]{64}$", theme.Hash);
    }

    [Fact]
    public void Every_problem_is_reported_with_line_and_key()
    {
        const string yaml = """
            name: bad
            palette: ["#8B4513", "red"]
            weights: {q_tech: 1.4, vibe: x}
            selection:
              count: 0
              axis_emphasis: {time_of_dy: 1}
            ranking: {judge: claude}
            colour: blue
            """;
        var ex = Assert.Throws<ThemeValidationException>(() => ThemeLoader.Parse(yaml, "bad.yaml"));
        var byKey = ex.Issues.ToDictionary(i => i.Key);
        Assert.Equal(2, byKey["palette[1]"].Line);
        Assert.Equal(3, byKey["weights.q_tech"].Line);
        Assert.Contains("allowed 0 to 1", byKey["weights.q_tech"].Message);
        Assert.Contains("number", byKey["weights.vibe"].Message);
        Assert.Equal(5, byKey["selection.count"].Line);
        Assert.Contains("time_of_day", byKey["selection.axis_emphasis.time_of_dy"].Message);
        Assert.Contains("none, openai", byKey["ranking.judge"].Message);
        Assert.Equal(8, byKey["colour"].Line);
        Assert.All(ex.Issues, i => Assert.Equal("bad.yaml", i.File));
        Assert.Contains("bad.yaml:3:", ex.Message);
    }

    [Theory]
    [InlineData("description: no name", "name")]
    [InlineData("name: x\nweights: {q_tech: 0, aesthetic: 0, vibe: 0, typography: 0, composition: 0}", "weights")]
    [InlineData("name: x\nname: y", "name")]
    [InlineData("name: x\nmoments: {phash_max_distance: 65}", "moments.phash_max_distance")]
    [InlineData("name: x\nselection: {role_quotas: {hero: 1}}", "selection.role_quotas.hero")]
    [InlineData("name: x\npalette: \"#FFFFFF\"", "palette")]
    [InlineData("- a\n- b", "")]
    [InlineData("name: [unclosed", "")]
    public void Invalid_themes_name_the_key(string yaml, string key)
    {
        var ex = Assert.Throws<ThemeValidationException>(() => ThemeLoader.Parse(yaml, "t.yaml"));
        Assert.Contains(ex.Issues, i => i.Key == key);
    }

    [Fact]
    public void Missing_keys_take_the_built_in_defaults()
    {
        var theme = ThemeLoader.Parse("name: minimal", "m.yaml");
        var builtIn = ThemeLoader.BuiltIn();
        Assert.Equal(builtIn.QTechMin, theme.QTechMin);
        Assert.Equal(builtIn.SelectionCount, theme.SelectionCount);
        Assert.Equal(builtIn.AxisEmphasis, theme.AxisEmphasis);
    }

    [Fact]
    public void Hash_depends_on_settings_not_on_the_file_location()
    {
        var a = ThemeLoader.Parse(Autumn, "/a/autumn.yaml");
        var b = ThemeLoader.Parse(Autumn, "/b/autumn.yaml");
        var c = ThemeLoader.Parse(Autumn.Replace("q_tech_min: 0.35", "q_tech_min: 0.4"), "/a/autumn.yaml");
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    [Fact]
    public void Resolver_finds_names_in_the_workspace_and_lists_them()
    {
        var ws = Directory.CreateTempSubdirectory("themes").FullName;
        try
        {
            var dir = Path.Combine(ws, "data", "themes");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "autumn.yaml"), Autumn);
            Assert.Equal("autumn-editorial", ThemeResolver.Resolve("autumn", ws).Name);
            Assert.Equal("default", ThemeResolver.Resolve(null, ws).Name);
            Assert.Equal(new[] { "autumn" }.Concat(ShippedThemes.Names).OrderBy(n => n, StringComparer.OrdinalIgnoreCase), ThemeResolver.Available(ws));   // the workspace's, then the shipped ones
            var missing = Assert.Throws<FileNotFoundException>(() => ThemeResolver.Resolve("winter", ws));
            Assert.Contains("autumn", missing.Message);
        }
        finally
        {
            Directory.Delete(ws, true);
        }
    }
}
