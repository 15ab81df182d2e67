using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Stages;

/// <summary>Score components come back under a workspace theme, and only while the theme still gives the recorded scores.</summary>
public sealed class ImportScoreComponentsTests : IClassFixture<ImportScoreComponentsTests.Themed>
{
    public const string Yaml = "name: warm\npalette: [\"#E07A3A\", \"#3A2040\", \"#F0A050\"]\ngates: {q_tech_min: 0.30}\n";

    public sealed class Themed : IDisposable
    {
        public ScoredShoot Value { get; } = new(Yaml, 300, 200);
        public void Dispose() => Value.Dispose();
    }

    private readonly ScoredShoot _shoot;

    public ImportScoreComponentsTests(Themed themed) => _shoot = themed.Value;

    private (List<Photo> Photos, List<string> Warnings) Import()
    {
        var warnings = new List<string>();
        var problems = new List<PhotoInputException>();
        var photos = StageImporter.Import(_shoot.Layout.StageJsonPath("scoring", "b1"), _shoot.Layout.Root, true, problems.Add, warnings.Add).Cast<Photo>().ToList();
        Assert.Empty(problems);
        return (photos, warnings);
    }

    [Fact]
    public void Components_are_recomputed_under_the_recorded_theme_and_a_changed_theme_is_not_trusted()
    {
        var (photos, warnings) = Import();
        Assert.Empty(warnings);
        foreach (var p in photos)
        {
            var live = _shoot.Ingested.Single(l => l.Path == p.Path);
            Assert.Equal("warm", p.Score!.Theme);
            Assert.Equal(ImportStageTests.Normalized(live.Score), ImportStageTests.Normalized(p.Score));
            Assert.Equal(live.Score!.Explain(), p.Score.Explain());
            // Recomputed when read, not held (docs/architecture.md#archive-scale).
            Assert.True(p.Score.ComputesComponentsOnRead());
        }
        // Repeated strings are one instance across the rebuilt photos (PhotoStrings).
        Assert.Same(photos[0].Score!.Theme, photos[^1].Score!.Theme);
        Assert.Same(photos[0].Score!.ScorecardVersion, photos[^1].Score!.ScorecardVersion);

        var themeFile = Path.Combine(_shoot.Layout.ThemesDir, "warm.yaml");
        File.WriteAllText(themeFile, Yaml.Replace("#E07A3A", "#0000FF"));
        try
        {
            (photos, warnings) = Import();
            Assert.Contains("theme 'warm'", Assert.Single(warnings));
            foreach (var p in photos)
            {
                var live = _shoot.Ingested.Single(l => l.Path == p.Path);
                Assert.Empty(p.Score!.Components);
                Assert.Equal((live.Score!.QTech, live.Score.Vibe, live.Score.Total, live.Score.IsDropped), (p.Score.QTech, p.Score.Vibe, p.Score.Total, p.Score.IsDropped));
            }
        }
        finally
        {
            File.WriteAllText(themeFile, Yaml);
        }
    }
}
