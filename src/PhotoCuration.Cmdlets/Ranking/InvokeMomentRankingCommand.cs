using System.Collections.Concurrent;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace PhotoCuration.Cmdlets.Ranking;

/// <summary>
/// <para type="synopsis">Re-ranks the frames of each moment with an optional LLM judge (pairwise, both orders, cached, within a token budget) and orders the opener finalists; writes the ranking stage JSON.</para>
/// <para type="description">Invoke-MomentRanking takes the moments from Group-PhotoMoment. Without a judge (the default, or theme ranking.judge: none) each moment keeps its Total_prelim order and the ranking stage JSON is still written, so the stage exists for CI. With -Judge OpenAI it asks an OpenAI-compatible chat completions endpoint (the OpenAI .NET SDK): within each moment the top 4 distinct frames by Total_prelim meet in a round robin of at most -MaxPairsPerCluster (6) pairs, each pair asked in both orders with the theme in the prompt and both ranking JPEGs attached; an answer must be JSON {winner: A|B|tie, rationale}; two orders that disagree count as a tie; Bradley–Terry (MM, with a prior) orders the contenders. Then the top -Finalists heroes by Total_prelim are compared with their neighbours to order them as openers (OpenerRank).</para>
/// <para type="description">Judgments are cached under data/cache/judge by (pair, theme hash, prompt version, model): a second run makes no calls. Tokens are counted against -TokenBudget. 429 and 5xx answers are retried a few times with backoff (honouring Retry-After). Any failure, timeout, malformed answer, missing key or exhausted budget leaves the affected moments in Total_prelim order with a warning and a record in the stage JSON's fallbacks: the run never fails because of the judge. The API key never appears in output, JSON, logs or error messages.</para>
/// <para type="description">Output: the moments, re-ranked (Members, Hero, Alternates, Rationales with the judge's words in JudgeRationales, RankedBy = llm:&lt;model&gt; when the judge decided, JudgeStatus, OpenerRank). Stage JSON: intermediateJsons/ranking/&lt;batch_id&gt;.json with cluster_winners, llm_rationales and judge_costs.</para>
/// <example>
///   <code>$moments | Invoke-MomentRanking</code>
///   <para>Writes the ranking stage JSON in Total_prelim order (no judge) and passes the moments on.</para>
/// </example>
/// <example>
///   <code>$env:OPENAI_API_KEY = '...'; $moments | Invoke-MomentRanking -Judge OpenAI -Model gpt-4o-mini -TokenBudget 50000 -Verbose</code>
///   <para>Judges the moments with OpenAI within 50,000 tokens and reports calls, cache hits and tokens.</para>
/// </example>
/// <example>
///   <code>$moments | Invoke-MomentRanking -Judge OpenAI -Endpoint http://localhost:11434/v1 -Model llava:13b</code>
///   <para>Uses a local OpenAI-compatible server (no key needed).</para>
/// </example>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "MomentRanking")]
[OutputType(typeof(PhotoMoment))]
public sealed class InvokeMomentRankingCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">The moments, from Group-PhotoMoment.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public PhotoMoment[] InputObject { get; set; } = Array.Empty<PhotoMoment>();

    /// <summary>
    /// <para type="description">None or OpenAI. Default: the theme's ranking.judge (none in the built-in theme).</para>
    /// </summary>
    [Parameter]
    [ValidateSet("None", "OpenAI", IgnoreCase = true)]
    public string? Judge { get; set; }

    /// <summary>
    /// <para type="description">Theme name (from the workspace's data/themes) or theme.yaml path; its description, mood and palette go into the prompt. Default: the built-in theme.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1. Default: $env:OPENAI_BASE_URL, else https://api.openai.com/v1.</para>
    /// </summary>
    [Parameter]
    public string? Endpoint { get; set; }

    /// <summary>
    /// <para type="description">Model that judges (it must accept images). Default: the theme's ranking.model (gpt-4o-mini).</para>
    /// </summary>
    [Parameter]
    public string? Model { get; set; }

    /// <summary>
    /// <para type="description">API key as a SecureString, a PSCredential (its password) or a string. Default: $env:OPENAI_API_KEY. Not needed by local servers at a custom -Endpoint. Never written anywhere.</para>
    /// </summary>
    [Parameter]
    public object? ApiKey { get; set; }

    /// <summary>
    /// <para type="description">Tokens this run may spend on calls (cached judgments are free); when the next call would not fit, judging stops and the rest keeps Total_prelim order. Default: the theme's ranking.token_budget (200000).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int TokenBudget { get; set; }

    /// <summary>
    /// <para type="description">Comparisons per moment, 1 to 6 (6 = a full round robin of the 4 contenders). Default: the theme's ranking.max_pairs_per_cluster.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 6)]
    public int MaxPairsPerCluster { get; set; }

    /// <summary>
    /// <para type="description">Opener finalists: the top heroes by Total_prelim ordered as openers; 0 skips it. Default: the theme's ranking.finalists (20).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int Finalists { get; set; }

    /// <summary>
    /// <para type="description">Time limit of one call in seconds. Default: 60.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.1, 600)]
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// <para type="description">Image detail sent with each ranking JPEG: Low (85 tokens an image, the default), High (sharper judgment of focus and eyes, about 13 times the tokens) or Auto.</para>
    /// </summary>
    [Parameter]
    [ValidateSet("Low", "High", "Auto", IgnoreCase = true)]
    public string ImageDetail { get; set; } = "Low";

    /// <summary>
    /// <para type="description">Moments judged at once. Default: 4.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>
    /// <para type="description">Workspace to write the stage JSON and the judge cache into. Default: the moment's own workspace, else the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    private readonly List<PhotoMoment> _moments = new();

    /// <inheritdoc />
    protected override void ProcessRecord() => _moments.AddRange(InputObject);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var explicitWorkspace = Workspace is null ? null : ResolveWorkspace(Workspace);
        var groups = _moments
            .GroupBy(m => (Workspace: explicitWorkspace ?? (string.IsNullOrEmpty(m.Workspace) ? ResolveWorkspace(null) : m.Workspace), Batch: BatchOf(m)))
            .ToList();
        var key = ReadKey(ApiKey) ?? NullIfEmpty(Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        foreach (var group in groups)
        {
            if (group.Key.Batch is null)
            {
                foreach (var m in group)
                {
                    WriteError(new ErrorRecord(new ArgumentException($"Moment '{m.MomentId}' has no batch id; it comes from Group-PhotoMoment."), "MomentWithoutBatch", ErrorCategory.InvalidData, m));
                }
                continue;
            }
            var request = new Engine.Ranking.RankingRequest(Judge, Theme, Endpoint ?? NullIfEmpty(Environment.GetEnvironmentVariable("OPENAI_BASE_URL")), Model, key,
                Bound(nameof(TokenBudget), TokenBudget), Bound(nameof(MaxPairsPerCluster), MaxPairsPerCluster), Bound(nameof(Finalists), Finalists),
                TimeSpan.FromSeconds(TimeoutSeconds), ImageDetail, ThrottleLimit);
            RankingBridge.Rank(this, request, group.Key.Workspace, group.Key.Batch, group.ToList(), Cancellation);
        }
        foreach (var moment in _moments) WriteObject(moment);
    }

    internal void WriteVerboseLine(string message) => Verbose(message);

    /// <summary>The value when the user gave the parameter; null lets the theme decide.</summary>
    private int? Bound(string parameter, int value) => MyInvocation.BoundParameters.ContainsKey(parameter) ? value : null;

    private static string? BatchOf(PhotoMoment m) =>
        NullIfEmpty(m.BatchId) ?? m.Members.Select(p => NullIfEmpty(p.BatchId)).FirstOrDefault(b => b is not null);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The key as plain text for the HTTP header, from whatever form the user gave it.</summary>
    private static string? ReadKey(object? value) => (value is PSObject ps ? ps.BaseObject : value) switch
    {
        null => null,
        SecureString secure => NullIfEmpty(new NetworkCredential("", secure).Password),
        PSCredential credential => NullIfEmpty(credential.GetNetworkCredential().Password),
        string text => NullIfEmpty(text),
        var other => throw new PSArgumentException($"-ApiKey must be a SecureString, a PSCredential or a string, not {other.GetType().Name}.", nameof(ApiKey)),
    };
}
