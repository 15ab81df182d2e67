namespace PhotoCuration.Engine.Themes;

/// <summary>A theme file with one or more problems; the message lists every one with file, line and key.</summary>
public sealed class ThemeValidationException : Exception
{
    public ThemeValidationException(string file, IReadOnlyList<ThemeIssue> issues)
        : base($"Theme '{file}' is not valid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", issues.Select(i => i.ToString())))
    {
        File = file;
        Issues = issues;
    }

    public string File { get; }
    public IReadOnlyList<ThemeIssue> Issues { get; }
}
