using System.Globalization;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Invoke-MomentRanking for one batch (docs/algorithms.md#ranking, docs/algorithms.md#ranking). Within each moment the top
/// 4 distinct frames by Total_prelim meet in a round robin of at most 6 pairs, each pair asked in both
/// orders, and Bradley–Terry orders them; then the top heroes by Total_prelim (the opener finalists)
/// are compared with their neighbours to order them as openers. Moments are judged best first, so a
/// budget that runs out spends itself on the moments most likely to be selected. Whatever goes wrong —
/// failure, timeout, malformed answer, exhausted budget, no key — a moment keeps its Total_prelim order,
/// the reason is recorded, and the run goes on: the judge can only improve a ranking, never break it.
/// </summary>
public sealed class RankingStage
{
    public const string Version = "ranking-1";
    public const string Openers = "openers";

    private readonly JudgeSettings _settings;
    private readonly PhotoTheme _theme;
    private readonly WorkspaceLayout _layout;
    private readonly IPairJudge? _judge;
    private readonly string? _unavailable;
    private readonly Action<string> _log;

    /// <param name="judge">The judge, or null when none is used.</param>
    /// <param name="unavailable">Why the judge asked for in <paramref name="settings"/> cannot be used (e.g. no key); every judged moment then falls back with this reason.</param>
    public RankingStage(JudgeSettings settings, PhotoTheme theme, WorkspaceLayout layout, IPairJudge? judge, string? unavailable = null, Action<string>? log = null)
    {
        _settings = settings;
        _theme = theme;
        _layout = layout;
        _judge = settings.Enabled ? judge : null;
        _unavailable = settings.Enabled && judge is null ? unavailable ?? "no judge client" : null;
        _log = log ?? (_ => { });
    }

    public async Task<RankingOutcome> RankAsync(string batchId, IReadOnlyList<PhotoMoment> moments, CancellationToken cancellation)
    {
        var estimate = JudgePrompt.EstimateTokens(_theme, JudgeQuestion.Moment, _settings.ImageDetail);
        var budget = new JudgeBudget(_settings.TokenBudget, estimate.Input + estimate.Output);
        var referee = _judge is null ? null : new PairReferee(_judge, new JudgmentCache(_layout), budget, _settings, _theme);
        var document = NewDocument(batchId, moments);
        var plans = moments.OrderBy(m => m.MomentId, StringComparer.Ordinal).Select(m => new MomentPlan(m)).ToList();

        if (referee is not null) await JudgeMomentsAsync(plans, referee, budget, cancellation).ConfigureAwait(false);
        var used = new List<PairJudgment>();
        foreach (var plan in plans) Apply(plan, document, used);
        used.AddRange(await RankOpenersAsync(plans, referee, document, cancellation).ConfigureAwait(false));

        var input = used.Sum(j => (long)j.InputTokens);
        var output = used.Sum(j => (long)j.OutputTokens);
        document.JudgeCosts = new JudgeCosts
        {
            PairsScored = used.Count,
            TokensEst = input + output,
            CostEstUsd = _settings.Enabled ? JudgePrices.CostUsd(_settings.Model, input, output) : null,
            TokenBudget = _settings.TokenBudget,
            BudgetExhausted = budget.Exhausted,
        };
        if (referee?.DisabledBecause is { } off) _log($"the judge was switched off: {off}");
        var path = StageDocumentWriter.Write(_layout, document);
        return new RankingOutcome
        {
            Document = document,
            StageJsonPath = path,
            Calls = budget.Calls,
            FailedCalls = budget.FailedCalls,
            CachedPairs = referee?.CachedPairs ?? 0,
            TokensSpent = budget.Spent,
        };
    }

    private async Task JudgeMomentsAsync(List<MomentPlan> plans, PairReferee referee, JudgeBudget budget, CancellationToken cancellation)
    {
        var queue = plans.Where(p => p.Contenders.Length >= 2)
            .OrderByDescending(p => p.BestTotal)
            .ThenBy(p => p.Moment.MomentId, StringComparer.Ordinal)
            .ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism(queue, referee, budget), CancellationToken = cancellation };
        await Parallel.ForEachAsync(queue, options, async (plan, token) =>
        {
            var judgments = new List<PairJudgment>();
            try
            {
                foreach (var (a, b) in PairSchedule.RoundRobin(plan.Contenders.Length, _settings.MaxPairsPerCluster))
                {
                    judgments.Add(await referee.JudgeAsync(JudgeQuestion.Moment, plan.Contenders[a], plan.Contenders[b], token).ConfigureAwait(false));
                }
                plan.Judgments = judgments;
                _log($"{plan.Moment.MomentId}: judged {judgments.Count} pair(s), {judgments.Count(j => j.FromCache)} from the cache");
            }
            catch (JudgeFailure failure)
            {
                plan.Fallback = failure.Message;
                _log($"{plan.Moment.MomentId}: Total_prelim order kept: {failure.Message}");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// How many moments are judged at once. When the budget surely covers every uncached call (at the
    /// per-call estimate), in parallel; when it may run out, one at a time, best moment first, so which
    /// moments get judged before it does never depends on which thread spends first: the same inputs,
    /// cache and budget give the same ranking JSON.
    /// </summary>
    private int Parallelism(List<MomentPlan> queue, PairReferee referee, JudgeBudget budget)
    {
        var calls = queue.Sum(plan => PairSchedule.RoundRobin(plan.Contenders.Length, _settings.MaxPairsPerCluster)
            .Sum(p => referee.UncachedCalls(JudgeQuestion.Moment, plan.Contenders[p.A], plan.Contenders[p.B])));
        var fits = (long)calls * budget.NextEstimate <= budget.Limit - budget.Spent;
        if (!fits && calls > 0) _log($"the token budget may not cover all {calls} uncached call(s): moments are judged one at a time, best first");
        return fits ? Math.Max(1, _settings.Parallelism) : 1;
    }

    /// <summary>Writes the plan's order into the moment and the stage document.</summary>
    private void Apply(MomentPlan plan, RankingStageDocument document, List<PairJudgment> used)
    {
        var moment = plan.Moment;
        Photo[] order;
        if (plan.Judgments is { } judgments && _settings.Enabled)
        {
            order = plan.JudgedOrder();
            var byId = plan.Contenders.ToDictionary(p => p.PhotoId, StringComparer.Ordinal);
            moment.Rationales = plan.Decided ? MomentReasons.ByJudge(plan, order, _settings.Model) : MomentReasons.ByScore(moment, order);
            foreach (var r in moment.Rationales)
            {
                if (!byId.TryGetValue(r.PhotoId, out var photo)) continue;
                r.JudgeRationales = MomentReasons.JudgeLines(photo, judgments, byId).ToArray();
                if (r.JudgeRationales.Length > 0) Rationales(document, photo.PhotoId).AddRange(r.JudgeRationales);
            }
            moment.RankedBy = plan.Decided ? _settings.RankedByLabel : "total_prelim";
            moment.JudgeStatus = "judged";
            used.AddRange(judgments);
        }
        else
        {
            order = plan.Baseline;
            moment.Rationales = MomentReasons.ByScore(moment, order);
            moment.RankedBy = "total_prelim";
            moment.JudgeStatus = !_settings.Enabled ? "none"
                : plan.Contenders.Length < 2 ? "single"
                : "fallback: " + (plan.Fallback ?? _unavailable ?? "not judged");
            if (_settings.Enabled && plan.Contenders.Length >= 2)
            {
                document.Fallbacks.Add(new RankingFallback { Scope = moment.MomentId, Reason = plan.Fallback ?? _unavailable ?? "not judged" });
            }
        }
        moment.Members = order;
        moment.Hero = order.FirstOrDefault();
        moment.Alternates = order.Skip(1).ToArray();
        document.ClusterWinners.Add(new ClusterWinner
        {
            ClusterId = moment.MomentId,
            Hero = moment.Hero?.PhotoId ?? "",
            Alternates = order.Skip(1).Select(p => p.PhotoId).Where(id => id != moment.Hero?.PhotoId).Distinct(StringComparer.Ordinal).ToList(),
            RankedBy = moment.RankedBy,
            JudgeStatus = moment.JudgeStatus.StartsWith("fallback", StringComparison.Ordinal) ? "fallback" : moment.JudgeStatus,
        });
    }

    /// <summary>
    /// Orders the opener finalists — the top heroes by Total_prelim, excluded and dropped photos left
    /// out — by the judge when it can, by Total_prelim otherwise, and sets each finalist's OpenerRank.
    /// </summary>
    private async Task<IReadOnlyList<PairJudgment>> RankOpenersAsync(List<MomentPlan> plans, PairReferee? referee, RankingStageDocument document, CancellationToken cancellation)
    {
        foreach (var plan in plans) plan.Moment.OpenerRank = null;
        var finalists = plans
            .Where(p => p.Moment.Hero is { IsExcluded: false } hero && hero.Score is { IsDropped: false })
            .Select(p => (Moment: p.Moment, Hero: p.Moment.Hero!))
            .OrderByDescending(x => MomentPlan.Total(x.Hero))
            .ThenBy(x => x.Hero.PhotoId, StringComparer.Ordinal)
            .ThenBy(x => x.Moment.MomentId, StringComparer.Ordinal)
            .DistinctBy(x => x.Hero.PhotoId, StringComparer.Ordinal)
            .Take(Math.Max(0, _settings.Finalists))
            .ToList();
        var order = Enumerable.Range(0, finalists.Count).ToArray();
        IReadOnlyList<PairJudgment> judgments = Array.Empty<PairJudgment>();
        if (_settings.Enabled && finalists.Count >= 2)
        {
            string? failure = _unavailable;
            if (referee is not null)
            {
                var pairs = PairSchedule.Neighbours(finalists.Count);
                var results = new PairJudgment?[pairs.Count];
                var failures = new string?[pairs.Count];
                var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _settings.Parallelism), CancellationToken = cancellation };
                await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Count), options, async (k, token) =>
                {
                    try
                    {
                        results[k] = await referee.JudgeAsync(JudgeQuestion.Opener, finalists[pairs[k].A].Hero, finalists[pairs[k].B].Hero, token).ConfigureAwait(false);
                    }
                    catch (JudgeFailure f)
                    {
                        failures[k] = f.Message;
                    }
                }).ConfigureAwait(false);
                failure = failures.FirstOrDefault(f => f is not null);
                if (failure is null)
                {
                    judgments = results.Select(r => r!).ToList();
                    var index = finalists.Select((x, i) => (x.Hero.PhotoId, i)).ToDictionary(x => x.PhotoId, x => x.i, StringComparer.Ordinal);
                    order = BradleyTerry.Order(BradleyTerry.Fit(finalists.Count, BradleyTerry.Games(judgments, index)));
                    var byId = finalists.ToDictionary(x => x.Hero.PhotoId, x => x.Hero, StringComparer.Ordinal);
                    foreach (var (_, hero) in finalists)
                    {
                        Rationales(document, hero.PhotoId).AddRange(MomentReasons.JudgeLines(hero, judgments, byId, "opener: "));
                    }
                    _log($"openers: judged {judgments.Count} pair(s) among {finalists.Count} finalists");
                }
            }
            if (failure is not null)
            {
                document.Fallbacks.Add(new RankingFallback { Scope = Openers, Reason = failure });
                _log($"openers: Total_prelim order kept: {failure}");
            }
        }
        for (var rank = 0; rank < order.Length; rank++)
        {
            var (moment, hero) = finalists[order[rank]];
            moment.OpenerRank = rank + 1;
            document.OpenerFinalists.Add(new OpenerFinalist { PhotoId = hero.PhotoId, ClusterId = moment.MomentId, OpenerRank = rank + 1, TotalPrelim = MomentPlan.Total(hero) });
        }
        return judgments;
    }

    private static List<string> Rationales(RankingStageDocument document, string photoId) =>
        document.LlmRationales.TryGetValue(photoId, out var list) ? list : document.LlmRationales[photoId] = new List<string>();

    private RankingStageDocument NewDocument(string batchId, IReadOnlyList<PhotoMoment> moments) => new()
    {
        BatchId = batchId,
        IdempotencyKey = IdempotencyKey(batchId, moments),
        Judge = _settings.Enabled ? "openai" : "none",
        Model = _settings.Enabled ? _settings.Model : null,
        ImageDetail = _settings.Enabled ? _settings.ImageDetail.ToLowerInvariant() : null,
        ThemeSpecRef = _theme.Name,
        ThemeHash = _theme.Hash,
        MaxPairsPerCluster = _settings.MaxPairsPerCluster,
        Finalists = _settings.Finalists,
    };

    /// <summary>{batch_id, stage, hash(inputs)} (docs/architecture.md#workspace-and-cache): the moments, their members' scores and the judge's parameters.</summary>
    private string IdempotencyKey(string batchId, IReadOnlyList<PhotoMoment> moments)
    {
        var parts = new List<string>
        {
            batchId, StageCatalog.Ranking.Name, Version, _settings.Enabled ? "openai" : "none", _settings.Enabled ? _settings.Model : "", JudgePrompt.Version,
            _settings.ImageDetail, _settings.MaxPairsPerCluster.ToString(CultureInfo.InvariantCulture), _settings.Finalists.ToString(CultureInfo.InvariantCulture), _theme.Hash,
        };
        foreach (var m in moments.OrderBy(m => m.MomentId, StringComparer.Ordinal))
        {
            parts.Add(m.MomentId);
            parts.AddRange(MomentPlan.PreRank(m.Members).Select(p => p.PhotoId + "|" + MomentPlan.Total(p).ToString("R", CultureInfo.InvariantCulture)));
        }
        return Hashing.Of(parts.ToArray());
    }
}
