using PhotoCuration.Engine.Ranking;
using Xunit;

namespace PhotoCuration.Tests.Ranking;

public sealed class RankingMathTests
{
    [Fact]
    public void Bradley_Terry_MM_matches_the_closed_form_for_one_game()
    {
        // α = 1, A beat B once: p_A = 2/(1/2 + 1), p_B = 1/(1/2 + 1) with p_A + p_B = 2 → 4/3 and 2/3.
        var p = BradleyTerry.Fit(2, new[] { new BradleyTerry.Game(0, 1, 1) });
        Assert.Equal(4.0 / 3, p[0], 9);
        Assert.Equal(2.0 / 3, p[1], 9);
    }

    [Fact]
    public void Bradley_Terry_is_finite_for_a_photo_that_wins_everything_and_independent_of_game_order()
    {
        var games = new[] { new BradleyTerry.Game(0, 1, 1), new BradleyTerry.Game(0, 2, 1), new BradleyTerry.Game(1, 2, 1), new BradleyTerry.Game(0, 3, 1), new BradleyTerry.Game(3, 2, 0.5), new BradleyTerry.Game(2, 3, 0.5) };
        var p = BradleyTerry.Fit(4, games);
        var q = BradleyTerry.Fit(4, games.Reverse().ToArray());
        Assert.All(p, v => Assert.True(double.IsFinite(v) && v > 0));
        Assert.Equal(4, p.Sum(), 9);
        for (var i = 0; i < 4; i++) Assert.Equal(p[i], q[i], 9);
        Assert.Equal(0, BradleyTerry.Order(p)[0]);
    }

    [Fact]
    public void Ties_and_cycles_keep_the_prior_order()
    {
        var cycle = new[] { new BradleyTerry.Game(0, 1, 1), new BradleyTerry.Game(1, 2, 1), new BradleyTerry.Game(2, 0, 1) };
        Assert.Equal(new[] { 0, 1, 2 }, BradleyTerry.Order(BradleyTerry.Fit(3, cycle)));
        var ties = new[] { new BradleyTerry.Game(2, 0, 0.5), new BradleyTerry.Game(0, 2, 0.5) };
        Assert.Equal(new[] { 0, 1, 2 }, BradleyTerry.Order(BradleyTerry.Fit(3, ties)));
    }

    [Fact]
    public void Round_robin_of_four_is_six_pairs_led_by_the_leader_and_capped()
    {
        Assert.Equal(new[] { (0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3) }, PairSchedule.RoundRobin(4, 6));
        Assert.Equal(new[] { (0, 1), (0, 2), (0, 3) }, PairSchedule.RoundRobin(4, 3));
        Assert.Single(PairSchedule.RoundRobin(2, 6));
        Assert.Equal(37, PairSchedule.Neighbours(20).Count);
    }

    [Theory]
    [InlineData("A", "B", "p")]
    [InlineData("B", "A", "q")]
    [InlineData("A", "A", null)]
    [InlineData("tie", "B", null)]
    public void Verdicts_of_both_orders_map_back_to_photo_ids(string firstShownFirst, string secondShownFirst, string? winner)
    {
        var j = PairJudgment.Combine("p", "q", new JudgeVerdict { Winner = firstShownFirst, Rationale = "1" }, new JudgeVerdict { Winner = secondShownFirst, Rationale = "2" }, false);
        Assert.Equal(winner, j.WinnerId);
        Assert.Equal(firstShownFirst == secondShownFirst && firstShownFirst != "tie", j.Inconsistent);
    }

    [Fact]
    public void Retry_delay_honours_Retry_After_seconds_dates_and_ms_and_is_capped()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var cap = TimeSpan.FromSeconds(30);
        Assert.Equal(TimeSpan.FromSeconds(2), RetryDelay.For(0, null, "2", TimeSpan.FromSeconds(1), cap, now));
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryDelay.For(0, "250", "2", TimeSpan.FromSeconds(1), cap, now));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.For(0, null, "Thu, 01 Jan 2026 00:00:10 GMT", TimeSpan.FromSeconds(1), cap, now));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryDelay.For(2, null, null, TimeSpan.FromSeconds(1), cap, now));
        Assert.Equal(cap, RetryDelay.For(0, null, "3600", TimeSpan.FromSeconds(1), cap, now));
        Assert.True(RetryDelay.IsRetryable(429) && RetryDelay.IsRetryable(503) && !RetryDelay.IsRetryable(400));
    }

    [Theory]
    [InlineData("{\"winner\":\"A\",\"rationale\":\"sharper\"}", "A")]
    [InlineData("```json\n{\"winner\":\"tie\",\"rationale\":\"same\"}\n```", "tie")]
    [InlineData("{\"winner\":\"b\",\"rationale\":\" eyes open \"}", "B")]
    public void Valid_answers_parse(string content, string winner)
    {
        Assert.Equal(winner, JudgeAnswerParser.Parse(content, new SecretRedactor(null)).Winner);
    }

    [Theory]
    [InlineData("A is better")]
    [InlineData("[\"A\"]")]
    [InlineData("{\"winner\":\"C\",\"rationale\":\"x\"}")]
    [InlineData("{\"winner\":\"A\"}")]
    [InlineData("{\"winner\":\"A\",\"rationale\":\"\"}")]
    [InlineData("{\"winner\":1,\"rationale\":\"x\"}")]
    [InlineData("")]
    public void Malformed_answers_are_rejected(string content)
    {
        var failure = Assert.Throws<JudgeFailure>(() => JudgeAnswerParser.Parse(content, new SecretRedactor(null)));
        Assert.Equal(JudgeFailureKind.Malformed, failure.Kind);
    }

    [Fact]
    public void The_redactor_removes_the_key_and_anything_shaped_like_one()
    {
        var r = new SecretRedactor("local-secret-123");
        Assert.Equal("key [redacted] and [redacted] and [redacted]", r.Redact("key local-secret-123 and sk-proj-abcdEFGH1234 and sk-abc*****wxyz"));
    }

    [Fact]
    public void Known_models_have_a_cost_and_unknown_ones_none()
    {
        Assert.Equal(0.75, JudgePrices.CostUsd("gpt-4o-mini", 1_000_000, 1_000_000));
        Assert.Equal(0.75, JudgePrices.CostUsd("gpt-4o-mini-2024-07-18", 1_000_000, 1_000_000));
        Assert.Equal(12.5, JudgePrices.CostUsd("gpt-4o-2024-08-06", 1_000_000, 1_000_000));
        Assert.Null(JudgePrices.CostUsd("llava:13b", 1000, 1000));
    }

    [Fact]
    public void The_budget_refuses_a_call_that_would_not_fit()
    {
        var budget = new JudgeBudget(1000, 400);
        Assert.True(budget.TryReserve(out var first));
        Assert.True(budget.TryReserve(out var second));
        Assert.False(budget.TryReserve(out _));
        Assert.True(budget.Exhausted);
        budget.Settle(first, new JudgeVerdict { InputTokens = 450, OutputTokens = 50 });
        budget.Release(second);
        Assert.Equal(500, budget.Spent);
        Assert.False(budget.TryReserve(out _));
    }
}
