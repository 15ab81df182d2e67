using System.Globalization;

namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// How long to wait before retrying a 429 or 5xx: the server's <c>retry-after-ms</c> (OpenAI) or
/// <c>Retry-After</c> (RFC 9110 §10.2.3: seconds or an HTTP date) when given, else exponential backoff
/// from a base delay; always capped, so one call's retries stay bounded.
/// </summary>
public static class RetryDelay
{
    public static TimeSpan For(int attempt, string? retryAfterMs, string? retryAfter, TimeSpan baseDelay, TimeSpan cap, DateTimeOffset now)
    {
        var hinted = FromHeaders(retryAfterMs, retryAfter, now);
        var delay = hinted ?? TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Clamp(attempt, 0, 16)));
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        return delay > cap ? cap : delay;
    }

    public static bool IsRetryable(int status) => status == 429 || status >= 500;

    private static TimeSpan? FromHeaders(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        if (string.IsNullOrWhiteSpace(retryAfter)) return null;
        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at - now : null;
    }
}
