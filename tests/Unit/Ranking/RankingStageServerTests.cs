using System.Diagnostics;
using System.Text.Json;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ranking;

/// <summary>Invoke-MomentRanking's engine against a real HTTP server on 127.0.0.1 speaking chat completions.</summary>
public sealed class MomentRankerServerTests : IDisposable
{
    private readonly RankingFixture _f = new();

    public void Dispose() => _f.Dispose();

    private (PhotoMoment Moment, Photo P1, Photo P2, Photo P3) ThreeFrames()
    {
        var p1 = _f.Photo("IMG_1", 0.80);
        var p2 = _f.Photo("IMG_2", 0.70);
        var p3 = _f.Photo("IMG_3", 0.60);
        return (RankingFixture.Moment("m_0001", p1, p2, p3), p1, p2, p3);
    }

    [Fact]
    public void The_judge_reorders_a_moment_asking_every_pair_in_both_orders_with_the_theme_and_both_images()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Prefer(p3, p1, p2);

        var outcome = _f.Rank(_f.Settings(), moment);

        Assert.Equal(new[] { p3, p1, p2 }, moment.Members);
        Assert.Same(p3, moment.Hero);
        Assert.Equal(new[] { p1, p2 }, moment.Alternates);
        Assert.Equal("llm:test-model", moment.RankedBy);
        Assert.Equal("judged", moment.JudgeStatus);
        Assert.Equal(new[] { 1, 2, 3 }, moment.Rationales.Select(r => r.Rank));
        Assert.Equal(p3.PhotoId, moment.Rationales[0].PhotoId);
        Assert.Contains("prefers it: 2 won, 0 level, 0 lost", moment.Rationales[0].Reason);
        Assert.Contains("preferred IMG_3.jpg", moment.Rationales[1].Reason);
        Assert.Equal(2, moment.Rationales[0].JudgeRationales.Length);

        // 3 contenders → 3 pairs × 2 orders; each call carries both ranking JPEGs and the theme.
        Assert.Equal(6, _f.Server.Calls);
        Assert.Equal(6, outcome.Calls);
        foreach (var r in _f.Server.Requests)
        {
            Assert.EndsWith("/v1/chat/completions", r.Path);
            Assert.Equal("Bearer " + RankingFixture.Key, r.Authorization);
            Assert.Equal("test-model", r.Model);
            Assert.Equal(2, r.ImageHashes.Count);
            Assert.All(r.ImageDetails, d => Assert.Equal("low", d));
            Assert.Contains("Theme: " + _f.Theme.Name, r.SystemPrompt);
            Assert.True(r.HasJsonSchema);
            Assert.DoesNotContain(r.Texts, t => t.Contains("IMG_", StringComparison.Ordinal));
        }
        var pairsSeen = _f.Server.Requests.Select(r => string.Join(">", r.ImageHashes)).ToList();
        Assert.Equal(6, pairsSeen.Distinct().Count());
        Assert.All(_f.Server.Requests, r => Assert.Contains(string.Join(">", r.ImageHashes.AsEnumerable().Reverse()), pairsSeen));

        using var json = JsonDocument.Parse(_f.StageJson);
        var root = json.RootElement;
        Assert.Equal("b1", root.GetProperty("batch_id").GetString());
        var winner = root.GetProperty("cluster_winners")[0];
        Assert.Equal("m_0001", winner.GetProperty("cluster_id").GetString());
        Assert.Equal(p3.PhotoId, winner.GetProperty("hero").GetString());
        Assert.Equal(new[] { p1.PhotoId, p2.PhotoId }, winner.GetProperty("alternates").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, root.GetProperty("llm_rationales").EnumerateObject().Count());
        Assert.Equal(3, root.GetProperty("judge_costs").GetProperty("pairs_scored").GetInt32());
        Assert.Equal(6 * 520, root.GetProperty("judge_costs").GetProperty("tokens_est").GetInt64());
        Assert.Equal("openai", root.GetProperty("judge").GetString());
        Assert.Equal(JudgePrompt.Version, root.GetProperty("prompt_version").GetString());
    }

    [Fact]
    public void A_second_run_makes_zero_calls_and_writes_the_same_bytes()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Prefer(p2, p3, p1);
        _f.Rank(_f.Settings(), moment);
        var first = _f.StageJson;
        Assert.Equal(6, _f.Server.Calls);
        Assert.Equal(3, _f.CacheFiles.Length);
        _f.Server.Reset();
        _f.Server.Mode = "garbage"; // would fail any call that was made

        var again = RankingFixture.Moment("m_0001", p1, p2, p3);
        var outcome = _f.Rank(_f.Settings(), again);

        Assert.Equal(0, _f.Server.Calls);
        Assert.Equal(0, outcome.Calls);
        Assert.Equal(3, outcome.CachedPairs);
        Assert.Equal(new[] { p2, p3, p1 }, again.Members);
        Assert.Equal(first, _f.StageJson);
    }

    [Fact]
    public void Another_model_or_theme_is_not_served_from_the_cache()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Rank(_f.Settings(), moment);
        _f.Server.Reset();
        _f.Rank(_f.Settings(s => s.Model = "other-model"), RankingFixture.Moment("m_0001", p1, p2, p3));
        Assert.Equal(6, _f.Server.Calls);
        Assert.Equal(6, _f.CacheFiles.Length);
    }

    [Fact]
    public void When_the_two_orders_disagree_every_pair_is_a_tie_and_Total_prelim_order_stands()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Server.Mode = "first";

        _f.Rank(_f.Settings(), moment);

        Assert.Equal(new[] { p1, p2, p3 }, moment.Members);
        Assert.Equal("total_prelim", moment.RankedBy);
        Assert.Equal("judged", moment.JudgeStatus);
        Assert.Equal("grouped hero", moment.Rationales[0].Reason);
        Assert.All(moment.Rationales, r => Assert.All(r.JudgeRationales, line => Assert.Contains("the two orders disagreed", line)));
    }

    [Fact]
    public void A_tie_in_either_order_is_a_tie()
    {
        var a = new JudgeVerdict { Winner = "A", Rationale = "x" };
        var tie = new JudgeVerdict { Winner = "tie", Rationale = "y" };
        var j = PairJudgment.Combine("p", "q", a, tie, false);
        Assert.True(j.IsTie);
        Assert.False(j.Inconsistent);
    }

    [Theory]
    [InlineData("garbage", "malformed answer")]
    [InlineData("badwinner", "malformed answer")]
    public void A_malformed_answer_falls_back_to_Total_prelim_and_is_recorded(string mode, string reason)
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Prefer(p3, p2, p1);
        _f.Server.Mode = mode;

        var outcome = _f.Rank(_f.Settings(), moment);

        Assert.Equal(new[] { p1, p2, p3 }, moment.Members);
        Assert.Equal("total_prelim", moment.RankedBy);
        Assert.StartsWith("fallback: " + reason, moment.JudgeStatus);
        var fallback = Assert.Single(outcome.Fallbacks);
        Assert.Equal("m_0001", fallback.Scope);
        Assert.Contains(reason, fallback.Reason);
        Assert.Contains("\"fallbacks\"", _f.StageJson);
        Assert.DoesNotContain(_f.CacheFiles.Select(File.ReadAllText), t => t.Contains("\"winner\""));
    }

    [Theory]
    [InlineData("this is not a chat completion")]
    [InlineData("{\"id\":\"x\",\"choices\":[]}")]
    [InlineData("{\"unexpected\":true}")]
    public void A_body_that_is_not_a_chat_completion_falls_back(string body)
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Server.Script = _ => new FakeChatReply { RawBody = body };

        var outcome = _f.Rank(_f.Settings(s => s.Finalists = 0), moment);

        Assert.Equal(new[] { p1, p2, p3 }, moment.Members);
        Assert.True(moment.JudgeStatus!.StartsWith("fallback: malformed answer", StringComparison.Ordinal), moment.JudgeStatus);
        Assert.Single(outcome.Fallbacks);
    }

    [Fact]
    public void A_timeout_falls_back_within_bounded_time()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Server.DelaySeconds = 5;
        var clock = Stopwatch.StartNew();

        var outcome = _f.Rank(_f.Settings(s => s.Timeout = TimeSpan.FromMilliseconds(500)), moment);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Equal(new[] { p1, p2, p3 }, moment.Members);
        Assert.Contains("did not answer within", Assert.Single(outcome.Fallbacks).Reason);
        Assert.Equal(1, outcome.FailedCalls);
    }

    [Fact]
    public void Rate_limits_are_retried_with_the_servers_Retry_After_then_succeed()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Prefer(p3, p2, p1);
        _f.Server.FailFirst = 2;
        _f.Server.RetryAfter = "7";
        var delays = new List<TimeSpan>();

        var outcome = _f.Rank(_f.Settings(s => s.MaxRetryDelay = TimeSpan.FromSeconds(30)), (d, _) => { delays.Add(d); return Task.CompletedTask; }, moment);

        Assert.Equal(new[] { p3, p2, p1 }, moment.Members);
        Assert.Empty(outcome.Fallbacks);
        Assert.Equal(8, _f.Server.Calls);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) }, delays);
    }

    [Fact]
    public void Server_errors_are_retried_a_bounded_number_of_times_with_backoff_then_fall_back()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Server.FailFirst = 1000;
        _f.Server.FailStatus = 503;
        _f.Server.RetryAfter = null;
        var delays = new List<TimeSpan>();

        var outcome = _f.Rank(_f.Settings(s => { s.RetryBaseDelay = TimeSpan.FromSeconds(1); s.MaxRetryDelay = TimeSpan.FromSeconds(3); }), (d, _) => { delays.Add(d); return Task.CompletedTask; }, moment);

        Assert.Equal(4, _f.Server.Calls); // 1 + MaxRetries (3), then the judge gives up on this pair
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }.Select(TimeSpan.FromSeconds), delays); // 1, 2, 4 capped at 3
        Assert.Contains("HTTP 503 after 3 retries", Assert.Single(outcome.Fallbacks).Reason);
        Assert.Equal(new[] { p1, p2, p3 }, moment.Members);
    }

    [Fact]
    public void The_budget_stops_the_calls_and_the_rest_falls_back()
    {
        var moments = Enumerable.Range(1, 4).Select(i =>
            RankingFixture.Moment($"m_000{i}", _f.Photo($"A{i}", 0.9 - i * 0.1), _f.Photo($"B{i}", 0.85 - i * 0.1))).ToArray();
        // Each call costs 520 tokens (the server's usage); 2 calls judge one moment.
        var outcome = _f.Rank(_f.Settings(s => { s.TokenBudget = 2200; s.Finalists = 0; }), moments);

        Assert.True(outcome.TokensSpent <= 2200, $"spent {outcome.TokensSpent}");
        Assert.Equal(_f.Server.Calls, outcome.Calls);
        Assert.InRange(outcome.Calls, 2, 4);
        Assert.Equal("judged", moments[0].JudgeStatus);
        Assert.Contains(outcome.Fallbacks, f => f.Reason.Contains("token budget exhausted"));
        Assert.StartsWith("fallback: token budget exhausted", moments[3].JudgeStatus);
        Assert.Contains("\"budget_exhausted\": true", _f.StageJson);
    }

    [Fact]
    public void A_budget_that_runs_out_judges_the_same_moments_whatever_the_parallelism()
    {
        // Six moments of three frames (3 pairs, 6 calls each) and a budget for about 13 calls: which
        // moments get judged must not depend on which worker spends first.
        string RunWith(int parallelism)
        {
            using var f = new RankingFixture();
            var moments = Enumerable.Range(1, 6).Select(i =>
                RankingFixture.Moment($"m_000{i}", f.Photo($"A{i}", 0.9 - i * 0.05), f.Photo($"B{i}", 0.85 - i * 0.05), f.Photo($"C{i}", 0.8 - i * 0.05))).ToArray();
            f.Rank(f.Settings(s => { s.TokenBudget = 7000; s.Finalists = 0; s.Parallelism = parallelism; }), moments);
            return f.StageJson;
        }
        var sequential = RunWith(1);
        Assert.Contains("\"budget_exhausted\": true", sequential);
        for (var run = 0; run < 3; run++) Assert.Equal(sequential, RunWith(4));
    }

    [Fact]
    public void A_wrong_key_switches_the_judge_off_after_one_call()
    {
        var moments = Enumerable.Range(1, 5).Select(i =>
            RankingFixture.Moment($"m_000{i}", _f.Photo($"A{i}", 0.5), _f.Photo($"B{i}", 0.4))).ToArray();
        _f.Server.FailFirst = 1000;
        _f.Server.FailStatus = 401;

        var outcome = _f.Rank(_f.Settings(), moments);

        Assert.Equal(1, _f.Server.Calls);
        Assert.Equal(6, outcome.Fallbacks.Count); // five moments and the openers
        Assert.All(moments, m => Assert.Equal("total_prelim", m.RankedBy));
        Assert.Contains(_f.Log, l => l.Contains("switched off"));
    }

    [Fact]
    public void The_key_never_appears_in_any_output_json_log_or_message_even_when_the_server_echoes_it()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        _f.Server.EchoKey = true;
        _f.Rank(_f.Settings(), moment);
        Assert.Contains(_f.Server.Requests, r => r.Authorization.Contains(RankingFixture.Key));
        var texts = new List<string> { _f.AllWrittenText(), string.Join("\n", _f.Log) };
        texts.AddRange(moment.Rationales.SelectMany(r => r.JudgeRationales.Append(r.Reason)));
        Assert.Contains(texts, t => t.Contains(SecretRedactor.Mask));

        // A failing server that echoes the key in its error body.
        var again = RankingFixture.Moment("m_0002", _f.Photo("X", 0.5), _f.Photo("Y", 0.4));
        _f.Server.FailFirst = 1000;
        _f.Server.FailStatus = 401;
        var outcome = _f.Rank(_f.Settings(), again);
        texts.Add(_f.AllWrittenText());
        texts.Add(string.Join("\n", _f.Log));
        texts.Add(again.JudgeStatus!);
        texts.AddRange(outcome.Fallbacks.Select(f => f.Reason));
        Assert.Contains(texts, t => t.Contains("HTTP 401"));
        Assert.DoesNotContain(texts, t => t.Contains(RankingFixture.Key) || t.Contains("SECRETKEY"));
    }

    [Fact]
    public void Opener_finalists_are_ordered_by_the_judge_among_neighbours()
    {
        var heroes = Enumerable.Range(1, 4).Select(i => _f.Photo($"H{i}", 0.9 - i * 0.1)).ToArray();
        var moments = heroes.Select((h, i) => RankingFixture.Moment($"m_000{i + 1}", h)).ToArray();
        _f.Prefer(heroes.Reverse().ToArray());

        var outcome = _f.Rank(_f.Settings(s => s.Finalists = 3), moments);

        // The top 3 heroes by Total_prelim, judged (0,1) (0,2) (1,2) in both orders.
        Assert.Equal(6, _f.Server.Calls);
        Assert.Contains(_f.Server.Requests, r => r.Texts.Any(t => t.Contains("opening image", StringComparison.Ordinal)));
        Assert.Equal(new int?[] { 3, 2, 1, null }, moments.Select(m => m.OpenerRank));
        Assert.All(moments, m => Assert.Equal("single", m.JudgeStatus));
        Assert.Equal(new[] { heroes[2].PhotoId, heroes[1].PhotoId, heroes[0].PhotoId }, outcome.Document.OpenerFinalists.Select(o => o.PhotoId));
        Assert.Contains(outcome.Document.LlmRationales[heroes[2].PhotoId], l => l.StartsWith("opener: beat", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_judge_the_stage_json_is_written_in_Total_prelim_order_and_nothing_is_called()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        var single = RankingFixture.Moment("m_0002", _f.Photo("S", 0.95));
        var outcome = _f.Rank(_f.Settings(s => s.Judge = "none"), moment, single);

        Assert.Equal(0, _f.Server.Calls);
        Assert.Equal(new[] { p1, p2, p3 }, moment.Members);
        Assert.Equal("none", moment.JudgeStatus);
        Assert.Empty(outcome.Fallbacks);
        using var json = JsonDocument.Parse(_f.StageJson);
        Assert.Equal("none", json.RootElement.GetProperty("judge").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("cluster_winners").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("judge_costs").GetProperty("pairs_scored").GetInt32());
        Assert.Equal(new[] { 1, 2 }, json.RootElement.GetProperty("opener_finalists").EnumerateArray().Select(o => o.GetProperty("opener_rank").GetInt32()));
        Assert.Equal(1, single.OpenerRank);
    }

    [Fact]
    public async Task Without_a_client_the_judged_moments_fall_back_with_the_reason()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        var ranker = new RankingStage(_f.Settings(), _f.Theme, _f.Layout, judge: null, unavailable: "no API key (set OPENAI_API_KEY)");
        var outcome = await ranker.RankAsync(RankingFixture.BatchId, new[] { moment }, CancellationToken.None);
        Assert.Equal("fallback: no API key (set OPENAI_API_KEY)", moment.JudgeStatus);
        Assert.Single(outcome.Fallbacks);
        Assert.Equal(new[] { p1, p2, p3 }, moment.Members);
    }

    [Fact]
    public void Only_the_top_four_distinct_frames_are_judged_and_at_most_six_pairs()
    {
        var photos = Enumerable.Range(1, 6).Select(i => _f.Photo($"F{i}", 1 - i * 0.1)).ToArray();
        var duplicate = new Photo { PhotoId = photos[0].PhotoId, FileName = "F1 copy.jpg", Preprocess = photos[0].Preprocess, Score = photos[0].Score };
        var moment = RankingFixture.Moment("m_0001", photos.Append(duplicate).ToArray());
        _f.Prefer(photos[3], photos[5], photos[0]);

        _f.Rank(_f.Settings(s => s.Finalists = 0), moment);

        Assert.Equal(12, _f.Server.Calls);
        Assert.DoesNotContain(_f.Server.Requests, r => r.ImageHashes.Contains(FakeChatServer.Sha256File(photos[5].Preprocess!.RankingPath)));
        Assert.Equal(photos[3], moment.Hero);
        Assert.Equal(7, moment.Members.Length);
        Assert.Contains("not judged", moment.Rationales.Single(r => r.FileName == "F6.jpg").Reason);
    }

    [Fact]
    public void Excluded_and_dropped_frames_are_not_worth_a_call()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        p1.IsExcluded = true;
        p2.Score!.IsDropped = true;
        var locked = _f.Photo("L", 0.1);
        locked.Score!.IsDropped = true;
        locked.IsLocked = true;
        var withLocked = RankingFixture.Moment("m_0002", p3, locked, _f.Photo("D", 0.05));

        _f.Rank(_f.Settings(s => s.Finalists = 0), moment, withLocked);

        Assert.Equal("single", moment.JudgeStatus);
        // Ranking keeps the moment's tiers: the gate-dropped p2 goes below p3 whatever its Total.
        Assert.Equal(new[] { p1, p3, p2 }, moment.Members);
        Assert.Equal("judged", withLocked.JudgeStatus);
        Assert.Equal(6, _f.Server.Calls); // p3, L and D: three pairs
    }

    [Fact]
    public void A_missing_ranking_image_falls_back_for_that_moment_only()
    {
        var (moment, p1, p2, p3) = ThreeFrames();
        File.Delete(p2.Preprocess!.RankingPath);
        var other = RankingFixture.Moment("m_0002", _f.Photo("Q1", 0.3), _f.Photo("Q2", 0.2));

        var outcome = _f.Rank(_f.Settings(s => s.Finalists = 0), moment, other);

        Assert.Contains("ranking image", Assert.Single(outcome.Fallbacks).Reason);
        Assert.Equal("judged", other.JudgeStatus);
    }
}
