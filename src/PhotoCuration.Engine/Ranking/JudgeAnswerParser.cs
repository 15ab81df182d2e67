using System.Text.Json;

namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Validates the judge's answer against <see cref="JudgePrompt.AnswerSchema"/>: a JSON object with
/// <c>winner</c> ∈ {A, B, tie} and a non-empty string <c>rationale</c>. Anything else is malformed and
/// never guessed at. A Markdown code fence around the JSON is accepted, because local
/// OpenAI-compatible servers without structured output often add one.
/// </summary>
public static class JudgeAnswerParser
{
    /// <summary>Longest rationale kept; a judge that writes an essay is cut, not rejected.</summary>
    public const int MaxRationaleLength = 400;

    public static JudgeVerdict Parse(string? content, SecretRedactor redactor)
    {
        var text = StripFence(content ?? "");
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Malformed($"the answer is not JSON: '{Excerpt(text, redactor)}'");
        }
        if (root.ValueKind != JsonValueKind.Object) throw Malformed($"the answer is not a JSON object: '{Excerpt(text, redactor)}'");

        var winner = root.TryGetProperty("winner", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString()!.Trim() : null;
        var normalized = winner?.ToUpperInvariant() switch
        {
            "A" => JudgeVerdict.A,
            "B" => JudgeVerdict.B,
            "TIE" => JudgeVerdict.Tie,
            _ => null,
        };
        if (normalized is null) throw Malformed($"'winner' must be \"A\", \"B\" or \"tie\": '{Excerpt(text, redactor)}'");

        var rationale = root.TryGetProperty("rationale", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : null;
        if (string.IsNullOrEmpty(rationale)) throw Malformed($"'rationale' must be a non-empty string: '{Excerpt(text, redactor)}'");
        rationale = redactor.Redact(rationale.ReplaceLineEndings(" "));
        if (rationale.Length > MaxRationaleLength) rationale = rationale[..MaxRationaleLength] + "…";
        return new JudgeVerdict { Winner = normalized, Rationale = rationale };
    }

    private static string StripFence(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("```", StringComparison.Ordinal)) return t;
        var firstLine = t.IndexOf('\n');
        var end = t.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine > 0 && end > firstLine ? t[(firstLine + 1)..end].Trim() : t;
    }

    private static string Excerpt(string text, SecretRedactor redactor)
    {
        var clean = redactor.Redact(text.ReplaceLineEndings(" "));
        return clean.Length <= 80 ? clean : clean[..80] + "…";
    }

    private static JudgeFailure Malformed(string message) => new(JudgeFailureKind.Malformed, "malformed answer: " + message);
}
