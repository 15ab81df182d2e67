namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Gets the judgment of one pair: from the cache when both orientations are there, else by asking the
/// judge for the missing orientation(s) — A/B, then B/A — within the budget. Counts failures: after a
/// fatal one (wrong key, unknown model) or <see cref="JudgeSettings.ConsecutiveFailureLimit"/> in a row,
/// the judge is disabled for the rest of the run, so a dead endpoint costs a few timeouts, not hundreds.
/// </summary>
public sealed class PairReferee
{
    private readonly IPairJudge _judge;
    private readonly JudgmentCache _cache;
    private readonly JudgeBudget _budget;
    private readonly JudgeSettings _settings;
    private readonly PhotoTheme _theme;
    private readonly object _gate = new();
    private int _consecutiveFailures;
    private string? _disabledBecause;
    private int _cachedPairs;

    public PairReferee(IPairJudge judge, JudgmentCache cache, JudgeBudget budget, JudgeSettings settings, PhotoTheme theme)
    {
        _judge = judge;
        _cache = cache;
        _budget = budget;
        _settings = settings;
        _theme = theme;
    }

    /// <summary>Pairs answered entirely from the cache in this run.</summary>
    public int CachedPairs
    {
        get { lock (_gate) return _cachedPairs; }
    }

    /// <summary>Why the judge was switched off, or null.</summary>
    public string? DisabledBecause
    {
        get { lock (_gate) return _disabledBecause; }
    }

    /// <summary>How many of the pair's two orders are not in the cache yet (each is one call).</summary>
    public int UncachedCalls(JudgeQuestion question, Photo first, Photo second)
    {
        var entry = _cache.Load(first.PhotoId, second.PhotoId, _theme.Hash, JudgePrompt.CacheVersion(question, _settings.ImageDetail), _judge.Model);
        return (entry.LowFirst is null ? 1 : 0) + (entry.HighFirst is null ? 1 : 0);
    }

    public async Task<PairJudgment> JudgeAsync(JudgeQuestion question, Photo first, Photo second, CancellationToken cancellation)
    {
        var version = JudgePrompt.CacheVersion(question, _settings.ImageDetail);
        var entry = _cache.Load(first.PhotoId, second.PhotoId, _theme.Hash, version, _judge.Model);
        var fromCache = entry.LowFirst is not null && entry.HighFirst is not null;
        var firstIsLow = entry.LowId == first.PhotoId;
        var (low, high) = firstIsLow ? (first, second) : (second, first);
        if (entry.LowFirst is null)
        {
            entry.LowFirst = await AskAsync(question, low, high, cancellation).ConfigureAwait(false);
            _cache.Save(entry);
        }
        if (entry.HighFirst is null)
        {
            entry.HighFirst = await AskAsync(question, high, low, cancellation).ConfigureAwait(false);
            _cache.Save(entry);
        }
        if (fromCache) lock (_gate) _cachedPairs++;
        return firstIsLow
            ? PairJudgment.Combine(first.PhotoId, second.PhotoId, entry.LowFirst, entry.HighFirst, fromCache)
            : PairJudgment.Combine(first.PhotoId, second.PhotoId, entry.HighFirst, entry.LowFirst, fromCache);
    }

    private async Task<JudgeVerdict> AskAsync(JudgeQuestion question, Photo a, Photo b, CancellationToken cancellation)
    {
        if (DisabledBecause is { } reason) throw new JudgeFailure(JudgeFailureKind.Disabled, "the judge was switched off for this run: " + reason);
        var request = new JudgeRequest { Question = question, Theme = _theme, ImageA = RankingImage(a), ImageB = RankingImage(b) };
        if (!_budget.TryReserve(out var reservation))
        {
            throw new JudgeFailure(JudgeFailureKind.BudgetExhausted, $"token budget exhausted ({_budget.Spent} of {_budget.Limit} tokens spent)");
        }
        try
        {
            var verdict = await _judge.AskAsync(request, cancellation).ConfigureAwait(false);
            _budget.Settle(reservation, verdict);
            lock (_gate) _consecutiveFailures = 0;
            return verdict;
        }
        catch (JudgeFailure failure)
        {
            _budget.Release(reservation);
            lock (_gate)
            {
                _consecutiveFailures++;
                if (_disabledBecause is null && (failure.IsFatal || _consecutiveFailures >= _settings.ConsecutiveFailureLimit))
                {
                    _disabledBecause = failure.IsFatal ? failure.Message : $"{_consecutiveFailures} failed calls in a row (last: {failure.Message})";
                }
            }
            throw;
        }
        catch (OperationCanceledException)
        {
            _budget.Release(reservation);
            throw;
        }
    }

    private static byte[] RankingImage(Photo photo)
    {
        var path = photo.Preprocess?.RankingPath;
        if (string.IsNullOrEmpty(path)) throw new JudgeFailure(JudgeFailureKind.MissingImage, $"'{photo.FileName}' has no ranking image; run Invoke-Preprocess first");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JudgeFailure(JudgeFailureKind.MissingImage, $"the ranking image of '{photo.FileName}' cannot be read: {ex.Message}");
        }
    }
}
