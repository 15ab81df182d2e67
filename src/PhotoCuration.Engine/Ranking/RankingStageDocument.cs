using System.Text.Json.Serialization;
namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// <c>intermediateJsons/ranking/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents): <c>{batch_id,
/// cluster_winners:[{cluster_id, hero, alternates}], llm_rationales:{photo_id:[…]}, judge_costs:{pairs_scored,
/// tokens_est}}</c>, plus what a reader needs to trust it: judge and model, prompt version, theme, the
/// opener finalists in order and every fallback. Only what the same inputs reproduce is written (no
/// call counts of this run: a re-run served by the cache must give the same bytes).
/// </summary>
public sealed class RankingStageDocument : StageDocument
{
    public RankingStageDocument() : base(StageCatalog.Ranking, RankingStage.Version) { }

    /// <summary><c>none</c> or <c>openai</c>.</summary>
    [JsonPropertyOrder(-65)] public string Judge { get; set; } = "none";
    [JsonPropertyOrder(-64)] public string? Model { get; set; }
    [JsonPropertyOrder(-63)] public string PromptVersion { get; set; } = JudgePrompt.Version;
    [JsonPropertyOrder(-62)] public string? ImageDetail { get; set; }
    public override string? ThemeSpecRef { get; set; } = "";
    public string ThemeHash { get; set; } = "";
    public int MaxPairsPerCluster { get; set; }
    public int Finalists { get; set; }
    public List<ClusterWinner> ClusterWinners { get; set; } = new();
    public SortedDictionary<string, List<string>> LlmRationales { get; set; } = new(StringComparer.Ordinal);
    public JudgeCosts JudgeCosts { get; set; } = new();
    public List<OpenerFinalist> OpenerFinalists { get; set; } = new();
    public List<RankingFallback> Fallbacks { get; set; } = new();
}

public sealed class ClusterWinner
{
    public string ClusterId { get; set; } = "";
    public string Hero { get; set; } = "";
    public List<string> Alternates { get; set; } = new();
    /// <summary><c>total_prelim</c> or <c>llm:&lt;model&gt;</c>.</summary>
    public string RankedBy { get; set; } = "";
    /// <summary><c>none</c>, <c>single</c>, <c>judged</c> or <c>fallback</c>.</summary>
    public string JudgeStatus { get; set; } = "";
}

/// <summary>What the judgments behind this ranking cost; cached judgments carry the tokens they cost when asked.</summary>
public sealed class JudgeCosts
{
    /// <summary>Pairs judged in both orders (from the cache or asked in this run).</summary>
    public int PairsScored { get; set; }
    /// <summary>Tokens those judgments cost (server-reported usage, estimated when a server reports none).</summary>
    public long TokensEst { get; set; }
    /// <summary>Estimated cost in USD of those tokens; null for models without a known price.</summary>
    public double? CostEstUsd { get; set; }
    public int TokenBudget { get; set; }
    /// <summary>True when the run stopped asking because the budget would have been exceeded.</summary>
    public bool BudgetExhausted { get; set; }
}

public sealed class OpenerFinalist
{
    public string PhotoId { get; set; } = "";
    public string ClusterId { get; set; } = "";
    /// <summary>1 = the best opener.</summary>
    public int OpenerRank { get; set; }
    public double TotalPrelim { get; set; }
}

public sealed class RankingFallback
{
    /// <summary>A cluster id, or <c>openers</c>.</summary>
    public string Scope { get; set; } = "";
    /// <summary>Why the judge's order was not used (redacted).</summary>
    public string Reason { get; set; } = "";
}
