namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Estimated cost of tokens. USD per million tokens (input, output) from OpenAI's pricing page
/// (platform.openai.com/docs/pricing, standard tier, 2025); a dated snapshot such as
/// <c>gpt-4o-mini-2024-07-18</c> takes its family's price. Unknown models (local servers) have no cost.
/// </summary>
public static class JudgePrices
{
    private static readonly (string Model, double Input, double Output)[] PerMillion =
    {
        ("gpt-4o-mini", 0.15, 0.60),
        ("gpt-4o", 2.50, 10.00),
        ("gpt-4.1-nano", 0.10, 0.40),
        ("gpt-4.1-mini", 0.40, 1.60),
        ("gpt-4.1", 2.00, 8.00),
    };

    public static double? CostUsd(string model, long inputTokens, long outputTokens)
    {
        var match = PerMillion
            .Where(p => string.Equals(model, p.Model, StringComparison.OrdinalIgnoreCase)
                        || model.Length > p.Model.Length + 1 && model.StartsWith(p.Model + "-", StringComparison.OrdinalIgnoreCase) && char.IsDigit(model[p.Model.Length + 1]))
            .OrderByDescending(p => p.Model.Length)
            .Select(p => ((double, double)?)(p.Input, p.Output))
            .FirstOrDefault();
        return match is { } m ? Math.Round((inputTokens * m.Item1 + outputTokens * m.Item2) / 1_000_000, 6) : null;
    }
}
