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
        if (Unavailable(settings, redactor) is { } reason) return (null, reason);
        if (Endpoint is { } endpoint) settings.Endpoint = new Uri(endpoint, UriKind.Absolute);
        // Local OpenAI-compatible servers take any key; the SDK needs a non-empty one.
        return (new OpenAIPairJudge(settings, ApiKey ?? "no-key", redactor), null);
    }

    /// <summary>Why the judge cannot be called (a bad endpoint, no key for the default endpoint), or null; checked before any work.</summary>
    public string? Unavailable(JudgeSettings settings, SecretRedactor redactor)
    {
        if (!settings.Enabled) return null;
        var endpoint = settings.Endpoint;
        if (Endpoint is { } given)
        {
            if (!Uri.TryCreate(given, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return $"the endpoint '{redactor.Redact(given)}' is not an http(s) URL";
            }
            endpoint = uri;
        }
        return ApiKey is null && endpoint == JudgeSettings.DefaultEndpoint ? "no API key: pass -ApiKey or set OPENAI_API_KEY" : null;
    }
}
