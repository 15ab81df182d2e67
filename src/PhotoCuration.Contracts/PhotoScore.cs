namespace PhotoCuration;

/// <summary>
/// The scorecard of one photo under a theme (<c>Measure-PhotoScore</c>): five scores and their
/// theme-weighted total, each in [0,1], the technical gate's verdict, and every component behind them.
/// </summary>
public sealed class PhotoScore
{
    /// <summary>Scorecard version: scores of different versions are not comparable.</summary>
    public string ScorecardVersion { get; set; } = "";
    /// <summary>Theme the scores were computed under.</summary>
    public string Theme { get; set; } = "";
    /// <summary>Technical quality: sharpness of the subject, exposure, noise (and CLIP-IQA/BRISQUE with models).</summary>
    public double QTech { get; set; }
    /// <summary>Aesthetic: colourfulness, contrast, subject isolation (or the aesthetic model).</summary>
    public double Aesthetic { get; set; }
    /// <summary>Fit to the theme's palette (and mood, with CLIP).</summary>
    public double Vibe { get; set; }
    /// <summary>Room and contrast for a headline.</summary>
    public double Typography { get; set; }
    /// <summary>Thirds, level horizon, uncut subject, balance.</summary>
    public double Composition { get; set; }
    /// <summary>Theme-weighted sum of the five scores (Total_prelim).</summary>
    public double Total { get; set; }
    /// <summary>True when the photo failed the technical gate (and is not locked in).</summary>
    public bool IsDropped { get; set; }
    /// <summary>Why it failed or nearly failed: blur, underexposed, overexposed, noise.</summary>
    public string[] DropReasons { get; set; } = Array.Empty<string>();
    /// <summary>The technical gate's verdict: kept, flagged (doubtful, still a candidate) or dropped.</summary>
    public string Verdict { get; set; } = "kept";
    /// <summary>Why a flagged photo was flagged, e.g. blur.</summary>
    public string[] FlagReasons { get; set; } = Array.Empty<string>();
    /// <summary>The values behind each score.</summary>
    public ScoreComponent[] Components { get; set; } = Array.Empty<ScoreComponent>();

    /// <summary>One line per component: "QTech  sharpness  0.82 (subject sharpness 5.31)".</summary>
    public string[] Explain() => Components
        .Select(c => FormattableString.Invariant($"{c.Score,-12} {c.Name,-18} {c.Value:0.00} × {c.Weight:0.00}  ({c.Detail})"))
        .ToArray();
}

/// <summary>One term of a score: its normalized value, its weight in the score, and the raw measurement.</summary>
public sealed class ScoreComponent
{
    /// <summary>The score it belongs to (QTech, Aesthetic, …).</summary>
    public string Score { get; set; } = "";
    /// <summary>Component name, e.g. sharpness.</summary>
    public string Name { get; set; } = "";
    /// <summary>Normalized value in [0,1].</summary>
    public double Value { get; set; }
    /// <summary>Weight inside its score.</summary>
    public double Weight { get; set; }
    /// <summary>The raw measurement it came from, in words.</summary>
    public string Detail { get; set; } = "";
}
