using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Themes;
using Xunit;

namespace PhotoCuration.Tests.Scoring;

/// <summary>Vibe uses the CLIP mood similarity when the features have it and the theme has a mood.</summary>
public sealed class MoodVibeTests
{
    private static PhotoTheme Theme(string palette, string mood) => ThemeLoader.Parse($"name: t\npalette: {palette}\nmood: {mood}\n", "t.yaml");

    private static PhotoFeatures Features(double? mood) => new()
    {
        Palette = new[] { "#8B4513" },
        PaletteShares = new[] { 1.0 },
        MoodSimilarity = mood,
    };

    [Fact]
    public void Without_mood_similarity_vibe_is_the_palette_fit()
    {
        var theme = Theme("[\"#8B4513\"]", "[\"warm golden light\"]");
        var score = Scorecard.Score(Features(null), theme, false);
        Assert.Equal(1.0, score.Vibe, 3);
        Assert.DoesNotContain(score.Components, c => c.Name == "mood");
    }

    [Fact]
    public void Mood_similarity_blends_half_and_half_with_the_palette()
    {
        var theme = Theme("[\"#8B4513\"]", "[\"warm golden light\"]");
        var low = Scorecard.Score(Features(0.10), theme, false);   // below 0.15: no fit
        var high = Scorecard.Score(Features(0.32), theme, false);  // above 0.30: full fit
        Assert.Equal(0.5, low.Vibe, 3);
        Assert.Equal(1.0, high.Vibe, 3);
        Assert.Contains(high.Components, c => c.Name == "mood" && c.Score == "Vibe");
    }

    [Fact]
    public void Mood_alone_decides_when_the_theme_has_no_palette()
    {
        var theme = Theme("[]", "[\"quiet\"]");
        Assert.Equal(0.5, Scorecard.Score(Features(0.225), theme, false).Vibe, 3);
        // A theme without mood ignores the similarity: neutral 0.5 without a palette.
        Assert.Equal(0.5, Scorecard.Score(Features(0.32), Theme("[]", "[]"), false).Vibe, 3);
    }
}
