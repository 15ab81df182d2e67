using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Ranking;

/// <summary>What one batch's ranking did, for the cmdlet's warnings and verbose summary.</summary>
public sealed class RankingOutcome : IBatchStageResult<RankingStageDocument>
{
    public RankingStageDocument Document { get; init; } = new();
    /// <summary>Calls answered in this run (cache hits excluded).</summary>
    public int Calls { get; init; }
    public int FailedCalls { get; init; }
    /// <summary>Pairs served entirely from the cache.</summary>
    public int CachedPairs { get; init; }
    /// <summary>Tokens spent in this run.</summary>
    public long TokensSpent { get; init; }
    public IReadOnlyList<RankingFallback> Fallbacks => Document.Fallbacks;
}
