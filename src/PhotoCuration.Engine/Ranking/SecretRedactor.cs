using System.Text.RegularExpressions;

namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Removes an API key from any text that may reach the user: exception messages (a server may echo the
/// key, OpenAI echoes a masked form of a wrong one), model rationales, warnings. The exact key is
/// replaced, and so is anything shaped like an OpenAI key (<c>sk-…</c>), masked or not.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "[redacted]";
    private readonly string? _secret;

    public SecretRedactor(string? secret)
    {
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (_secret is not null) text = text.Replace(_secret, Mask, StringComparison.Ordinal);
        return KeyShape().Replace(text, Mask);
    }

    // OpenAI keys: sk-, sk-proj-, sk-svcacct-…; the masked form in error bodies is "sk-abc*****wxyz".
    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-\*]{4,}")]
    private static partial Regex KeyShape();
}
