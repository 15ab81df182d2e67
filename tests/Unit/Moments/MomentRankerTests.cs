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
}
