namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// What a ranking run was asked for (null: the theme decides), after the defaults from the environment:
/// the judge settings under a theme and the judge client they call for. Shared by Invoke-MomentRanking
/// and the curation session.
/// </summary>
public sealed record RankingRequest(
    string? Judge, string? Theme, string? Endpoint, string? Model, string? ApiKey,
    int? TokenBudget, int? MaxPairsPerCluster, int? Finalists, TimeSpan Timeout, string ImageDetail, int Parallelism)
{
    // The key must not show up if the record is ever printed.
    public override string ToString() => $"RankingRequest {{ Judge = {Judge}, Model = {Model}, Endpoint = {Endpoint} }}";

    /// <summary>The judge settings: this request over the theme's <c>ranking.*</c>.</summary>
    public JudgeSettings Settings(PhotoTheme theme) => new()
    {
        Judge = (Judge ?? theme.Judge).ToLowerInvariant(),
        Model = Model ?? theme.JudgeModel,
        TokenBudget = TokenBudget ?? theme.TokenBudget,
        MaxPairsPerCluster = Math.Clamp(MaxPairsPerCluster ?? theme.MaxPairsPerCluster, 1, JudgeSettings.MaxPairsLimit),
        Finalists = Finalists ?? theme.Finalists,
        Timeout = Timeout,
        ImageDetail = ImageDetail.ToLowerInvariant(),
        Parallelism = Parallelism,
    };

    /// <summary>The judge client, or null with the reason it cannot be used (every judged moment then falls back with it).</summary>
    public (IPairJudge? Judge, string? Unavailable) CreateJudge(JudgeSettings settings, SecretRedactor redactor)
    {
        if (!settings.Enabled) return (null, null);
        if (Endpoint is { } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return (null, $"the endpoint '{redactor.Redact(endpoint)}' is not an http(s) URL");
            }
            settings.Endpoint = uri;
        }
        var custom = settings.Endpoint != JudgeSettings.DefaultEndpoint;
        if (ApiKey is null && !custom) return (null, "no API key: pass -ApiKey or set OPENAI_API_KEY");
        // Local OpenAI-compatible servers take any key; the SDK needs a non-empty one.
        return (new OpenAIPairJudge(settings, ApiKey ?? "no-key", redactor), null);
    }
}
