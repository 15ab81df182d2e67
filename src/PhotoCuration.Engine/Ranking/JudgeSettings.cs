namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// How Invoke-MomentRanking judges. Holds no secret: the API key goes straight to
/// <see cref="OpenAIPairJudge"/> and is never part of settings that get logged or serialized.
/// </summary>
public sealed class JudgeSettings
{
    /// <summary>docs/algorithms.md#ranking: at most 4 contenders per moment.</summary>
    public const int MaxContenders = 4;

    /// <summary>docs/algorithms.md#ranking: at most 6 comparisons per moment (a full round robin of 4).</summary>
    public const int MaxPairsLimit = 6;

    /// <summary>OpenAI's public endpoint, the SDK's default.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    /// <summary><c>none</c> or <c>openai</c>.</summary>
    public string Judge { get; set; } = "none";

    public string Model { get; set; } = "gpt-4o-mini";

    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Tokens the run may spend on fresh calls (cached judgments are free).</summary>
    public int TokenBudget { get; set; } = 200_000;

    public int MaxPairsPerCluster { get; set; } = MaxPairsLimit;

    /// <summary>Opener finalists: the top heroes by Total_prelim; 0 skips opener judging.</summary>
    public int Finalists { get; set; } = 20;

    /// <summary>One call's time limit (the SDK's network timeout).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>low</c>, <c>high</c> or <c>auto</c>: the image detail sent with each ranking JPEG.</summary>
    public string ImageDetail { get; set; } = "low";

    /// <summary>Retries of one call after 429 or 5xx.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubled per retry when the server sends no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff delay, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Moments judged at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>Failed pairs in a row after which the judge is not asked again in this run.</summary>
    public int ConsecutiveFailureLimit { get; set; } = 3;

    public bool Enabled => string.Equals(Judge, "openai", StringComparison.OrdinalIgnoreCase);

    /// <summary>What <c>RankedBy</c> says after the judge decided a moment.</summary>
    public string RankedByLabel => "llm:" + Model;
}
