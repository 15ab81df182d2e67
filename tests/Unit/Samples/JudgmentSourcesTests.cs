using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace PhotoCuration.Tests.Samples;

/// <summary>The judgment sources manifest: enough photos of every kind, and a split that follows its written rule.</summary>
public sealed class JudgmentSourcesTests
{
    private static readonly string[] Kinds = { "scene", "low-key", "night", "mist", "silhouette", "high-key" };

    [Fact]
    public void Lists_at_least_twenty_scenes_and_ten_must_not_drop_photos_of_every_intent()
    {
        var all = JudgmentSources.All();
        Assert.All(all, e => Assert.Contains(e.Kind, Kinds));
        Assert.True(all.Count(e => e.Kind == "scene") >= 20);
        Assert.True(all.Count(e => e.Kind != "scene") >= 10);
        foreach (var kind in Kinds) Assert.Contains(all, e => e.Kind == kind);
        Assert.Equal(all.Count, all.Select(e => e.Path).Distinct().Count());
        var heldOut = all.Count(e => e.Split == "held-out");
        Assert.InRange(heldOut, all.Count * 0.4, all.Count * 0.6);
    }

    [Fact]
    public void The_split_follows_the_rule_and_keeps_the_calibrated_photos_out_of_the_held_out_part()
    {
        var all = JudgmentSources.All();
        Assert.All(all.Where(e => e.Package == "mate-backgrounds"), e => Assert.Equal("calibration", e.Split));
        foreach (var kind in Kinds)
        {
            var ordered = all.Where(e => e.Kind == kind && e.Package != "mate-backgrounds")
                .OrderBy(e => Sha256(e.Package + ":" + e.Path), StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var heldOut = kind == "scene" ? i % 3 != 2 : i % 2 == 0;
                Assert.Equal(heldOut ? "held-out" : "calibration", ordered[i].Split);
            }
        }
    }

    [JudgmentPhotosFact]
    public void Every_source_is_installed()
    {
        var missing = JudgmentSources.All().Where(e => !File.Exists(e.Path)).Select(e => $"{e.Package}: {e.Path}").ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join("; ", missing));
    }

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
