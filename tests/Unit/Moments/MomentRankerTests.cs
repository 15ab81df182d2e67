using Xunit;
using PhotoCuration.Engine.Moments;
using static PhotoCuration.Tests.Moments.MomentFixtures;

namespace PhotoCuration.Tests.Moments;

public class MomentRankerTests
{
    [Fact]
    public void Members_rank_by_total_then_photo_id()
    {
        var ranked = MomentRanker.Rank(new[] { Photo("c", 0.5), Photo("b", 0.7), Photo("a", 0.5) });
        Assert.Equal(new[] { "b.jpg", "a.jpg", "c.jpg" }, ranked.Select(p => p.FileName));
    }

    [Fact]
    public void Each_alternate_says_where_it_falls_behind_the_hero()
    {
        var hero = Photo("hero", 0.78);
        var soft = Photo("soft", 0.41);
        var ranked = MomentRanker.Rank(new[] { soft, hero });
        var why = MomentRanker.Explain(ranked, new ThemeWeights());
        Assert.Equal(1, why[0].Rank);
        Assert.StartsWith("hero: best Total_prelim of 2 frames", why[0].Reason);
        Assert.Equal("softer than hero: sharpness 0.41 vs 0.78 (Total 0.41 vs 0.78)", why[1].Reason);
    }

    [Fact]
    public void A_tie_is_explained_as_a_tie()
    {
        var ranked = MomentRanker.Rank(new[] { Photo("b", 0.6), Photo("a", 0.6) });
        var why = MomentRanker.Explain(ranked, new ThemeWeights());
        Assert.Contains("tied with hero", why[1].Reason);
    }

    [Fact]
    public void A_single_frame_and_folded_duplicates_are_said()
    {
        var only = MomentRanker.Explain(new[] { Photo("a", 0.6) }, new ThemeWeights(), new Dictionary<string, int> { ["sha256:a"] = 3 });
        Assert.Equal("only frame of the moment (Total 0.60); 2 exact duplicates folded in", only[0].Reason);
    }

    [Fact]
    public void A_lead_in_the_learned_taste_is_weighed_as_the_shift_of_Total_it_made()
    {
        // Taste moved Total by (0.80 − 0.50) · 2 · 0.15 = 0.09; the sharpness lead is worth 0.10 · 0.5 · w_QTech (< 0.03).
        var hero = WithTaste(Photo("warm", 0.62), 0.80, sharpness: 0.60);
        var other = WithTaste(Photo("cold", 0.53), 0.50, sharpness: 0.50);
        var why = MomentRanker.Explain(MomentRanker.Rank(new[] { other, hero }), new ThemeWeights());
        Assert.EndsWith("leads on learned_taste 0.80 vs 0.50", why[0].Reason);
        Assert.Equal("less to the photographer's learned taste than hero: learned_taste 0.50 vs 0.80 (Total 0.53 vs 0.62)", why[1].Reason);
    }

    private static PhotoCuration.Photo WithTaste(PhotoCuration.Photo p, double taste, double sharpness)
    {
        p.Score!.Components = new[]
        {
            new PhotoCuration.ScoreComponent { Score = "QTech", Name = "sharpness", Value = sharpness, Weight = 0.5 },
            new PhotoCuration.ScoreComponent { Score = "Taste", Name = "learned_taste", Value = taste, Weight = 0.15 },
        };
        return p;
    }
}
