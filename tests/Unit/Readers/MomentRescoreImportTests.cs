using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Readers;

/// <summary>
/// Import-PhotoStage of the clustering record gives the moment members the scores Group-PhotoMoment left on
/// them: the moment-level re-scores (a clearly softer frame flagged below its sharper sibling, noise that is
/// the scene's grain) are applied again on import, so imported objects equal the live ones
/// (docs/algorithms.md#ranking-inside-a-moment).
/// </summary>
public sealed class MomentRescoreImportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(_temp.Path, name)).FullName;

    [Fact]
    public void Imported_moment_members_carry_the_sibling_flags_and_Totals_of_the_live_grouping()
    {
        // A burst of a rendered frame with its degraded siblings: blurred and smeared frames are flagged softer.
        var rendered = Dir("rendered");
        var source = new SampleShootGenerator(1200, 800).Write(rendered, new DateTime(2024, 9, 14, 8, 0, 0))[0];
        var shoot = Dir("shoot");
        DegradedMomentShoot.Write(new[] { new DegradedMomentShoot.Source(source, "scene") }, shoot, new DateTime(2024, 9, 14, 9, 0, 0), seed: 13);
        var layout = new WorkspaceLayout(Dir("ws"));
        var theme = ThemeLoader.BuiltIn();
        const string batch = "b1";

        var photos = EnginePipeline.Score(shoot, layout, batch, theme, new UserOverrides(Array.Empty<string>(), Array.Empty<string>()));
        var grouped = new MomentStage(theme, MomentStage.ParametersFor(theme), calibrate: false)
            .Run(batch, layout.Root, photos.Where(p => p.Score is { IsDropped: false }).ToList(), Array.Empty<StageError>());
        StageJson.Write(layout.StageJsonPath(MomentStage.StageName, batch), grouped.Document);
        var live = grouped.Moments.SelectMany(m => m.Members).ToDictionary(p => p.PhotoId, p => p.Score!, StringComparer.Ordinal);
        Assert.Contains(live.Values, s => s.SiblingFlag is not null);

        var imported = StageImporter.Import(layout.StageJsonPath(MomentStage.StageName, batch), layout.Root, includeDropped: false, _ => { }, _ => { })
            .Cast<PhotoMoment>().SelectMany(m => m.Members).ToList();
        Assert.Equal(live.Count, imported.Count);
        foreach (var photo in imported)
        {
            var want = live[photo.PhotoId];
            var got = photo.Score!;
            Assert.Equal((want.Verdict, want.Total, want.QTech, want.SiblingFlag, want.SceneNoise), (got.Verdict, got.Total, got.QTech, got.SiblingFlag, got.SceneNoise));
            Assert.Equal(want.FlagReasons, got.FlagReasons);
            Assert.Equal(want.DropReasons, got.DropReasons);
        }
    }
}
