using System.Collections.Concurrent;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace PhotoCuration.Cmdlets.Ranking;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class RankingBridge
{
    private const int MaxWarnings = 10;

    public static void Rank(InvokeMomentRankingCommand cmdlet, Engine.Ranking.RankingRequest request, string workspace, string batchId, IReadOnlyList<PhotoMoment> moments, CancellationToken cancellation)
    {
        var theme = Themes.ThemeBridge.ResolveOrError(cmdlet, request.Theme, workspace);
        var settings = request.Settings(theme);
        var redactor = new Engine.Ranking.SecretRedactor(request.ApiKey);
        var (judge, unavailable) = request.CreateJudge(settings, redactor);
        var log = new ConcurrentQueue<string>();
        var ranker = new Engine.Ranking.RankingStage(settings, theme, new Engine.Workspace.WorkspaceLayout(workspace), judge, unavailable, log.Enqueue);

        Engine.Ranking.RankingOutcome outcome;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var task = Task.Run(() => ranker.RankAsync(batchId, moments, cancellation), cancellation);
            // Verbose lines are written on the pipeline thread while the judge works.
            while (!task.IsCompleted)
            {
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne(100);
                Drain(cmdlet, log);
            }
            outcome = task.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex.GetBaseException() is OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Drain(cmdlet, log);
            cmdlet.WriteError(new ErrorRecord(ex, "RankingStageJsonFailed", ErrorCategory.WriteError, workspace)
            {
                ErrorDetails = new ErrorDetails($"The ranking of batch '{batchId}' could not be written: {redactor.Redact(ex.Message)}"),
            });
            return;
        }
        Drain(cmdlet, log);
        Engine.Workspace.StageTimingLog.Record(new Engine.Workspace.WorkspaceLayout(workspace), batchId, Engine.Core.StageCatalog.Ranking.TimingKey, clock.ElapsedMilliseconds);
        Report(cmdlet, settings, batchId, moments.Count, outcome);
    }

    private static void Drain(InvokeMomentRankingCommand cmdlet, ConcurrentQueue<string> log)
    {
        while (log.TryDequeue(out var line)) cmdlet.WriteVerboseLine(line);
    }

    private static void Report(InvokeMomentRankingCommand cmdlet, Engine.Ranking.JudgeSettings settings, string batchId, int count, Engine.Ranking.RankingOutcome outcome)
    {
        var fallbacks = outcome.Fallbacks;
        foreach (var f in fallbacks.Take(MaxWarnings))
        {
            cmdlet.WriteWarning(f.Scope == Engine.Ranking.RankingStage.Openers
                ? $"Openers of batch '{batchId}' keep their Total_prelim order: {f.Reason}"
                : $"Moment {f.Scope} keeps its Total_prelim order: {f.Reason}");
        }
        if (fallbacks.Count > MaxWarnings)
        {
            cmdlet.WriteWarning($"{fallbacks.Count - MaxWarnings} more moment(s) of batch '{batchId}' keep their Total_prelim order; see the fallbacks in {outcome.StageJsonPath}.");
        }
        var costs = outcome.Document.JudgeCosts;
        var judged = outcome.Document.ClusterWinners.Count(w => w.JudgeStatus == "judged");
        cmdlet.WriteVerboseLine(settings.Enabled
            ? FormattableString.Invariant($"{batchId}: {count} moments, {judged} judged, {fallbacks.Count} fallback(s); {outcome.Calls} calls ({outcome.FailedCalls} failed), {outcome.CachedPairs} pairs from the cache; {outcome.TokensSpent} tokens spent of {settings.TokenBudget}; judgments used: {costs.PairsScored} pairs, {costs.TokensEst} tokens{(costs.CostEstUsd is { } usd ? $", about ${usd:0.####}" : "")}")
            : $"{batchId}: {count} moments in Total_prelim order (no judge)");
        cmdlet.WriteVerboseLine($"wrote {outcome.StageJsonPath}");
    }
}
