namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// The judge's instructions. The theme is part of every prompt; the version is part of every cache
/// key, so changing a word here must bump <see cref="Version"/> (old judgments are then not reused).
/// File names are never sent: they can leak order ("_final", "0001") and bias the judge.
/// </summary>
public static class JudgePrompt
{
    public const string Version = "judge-prompt-1";

    /// <summary>JSON schema of an answer (structured output, strict).</summary>
    public const string AnswerSchema = """
        {
          "type": "object",
          "properties": {
            "winner": { "type": "string", "enum": ["A", "B", "tie"] },
            "rationale": { "type": "string" }
          },
          "required": ["winner", "rationale"],
          "additionalProperties": false
        }
        """;

    /// <summary>Prompt version plus what else changes the answer: the question and the image detail.</summary>
    public static string CacheVersion(JudgeQuestion question, string imageDetail) =>
        $"{Version}/{question.ToString().ToLowerInvariant()}/{imageDetail.ToLowerInvariant()}";

    public static string System(PhotoTheme theme)
    {
        var lines = new List<string>
        {
            "You are a senior photo editor curating a shoot for a publication.",
            $"Theme: {theme.Name}" + (string.IsNullOrWhiteSpace(theme.Description) ? "" : $" — {theme.Description}"),
        };
        if (theme.Mood.Length > 0) lines.Add("Mood: " + string.Join("; ", theme.Mood));
        if (theme.Palette.Length > 0) lines.Add("Palette: " + string.Join(", ", theme.Palette));
        lines.Add("You are shown photo A, then photo B. Compare them only on what you see.");
        lines.Add("Answer with JSON only: {\"winner\": \"A\" | \"B\" | \"tie\", \"rationale\": \"one short sentence\"}.");
        lines.Add("Say \"tie\" only when you honestly cannot prefer one.");
        return string.Join("\n", lines);
    }

    public static string Question(JudgeQuestion question) => question switch
    {
        JudgeQuestion.Moment =>
            "A and B are frames of the same moment; only one will be kept. Which is the better photograph for this theme? " +
            "Weigh, in order: sharp focus on the subject, expression and eyes, timing and gesture, exposure, composition, fit to the theme.",
        JudgeQuestion.Opener =>
            "Which of A and B makes the stronger opening image of a story or book with this theme? " +
            "Weigh impact at a glance, clarity of the subject, fit to the mood and palette, and room for a title.",
        _ => throw new ArgumentOutOfRangeException(nameof(question)),
    };

    /// <summary>
    /// Rough token count of one call when the server reports no usage: about 4 characters a token
    /// (OpenAI's rule of thumb) plus the images (85 tokens at low detail; a 2048-px image at high
    /// detail is 6 tiles × 170 + 85 = 1105, OpenAI vision pricing) plus a short answer.
    /// </summary>
    public static (int Input, int Output) EstimateTokens(PhotoTheme theme, JudgeQuestion question, string imageDetail)
    {
        var text = System(theme).Length + Question(question).Length + 40;
        var perImage = string.Equals(imageDetail, "low", StringComparison.OrdinalIgnoreCase) ? 85 : 1105;
        return ((text + 3) / 4 + 2 * perImage, 60);
    }
}
