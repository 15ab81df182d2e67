using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Scoring;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class ScoringBridge
{
    public static PhotoStageSession<PhotoScore> CreateSession(PSCmdlet cmdlet, string? theme, bool includeDropped, List<object> stages, int workers, CancellationToken cancellation) =>
        new(cmdlet, 4, "Measure-PhotoScore: scoring", Engine.Core.StageCatalog.Scoring, layout =>
        {
            var stage = new Engine.Scoring.ScoringStage(layout, Themes.ThemeBridge.ResolveOrError(cmdlet, theme, layout.Root), includeDropped);
            stages.Add(stage);
            return stage;
        }, workers, cancellation);

    public static int Dropped(IEnumerable<object> stages) => stages.OfType<Engine.Scoring.ScoringStage>().Sum(s => s.Dropped);
}
