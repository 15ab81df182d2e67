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
    /// <summary>
    /// The technical gate's verdict: "kept", "flagged" (doubtful: a reason and a lower score, still a
    /// candidate) or "dropped" (hopeless: black, blown or unrecoverable blur). A locked photo keeps its
    /// verdict and reasons but is never removed: <see cref="IsDropped"/> is false for it.
    /// </summary>
    public string Verdict { get; set; } = "kept";
    /// <summary>Why the gate doubts the photo, with numbers ("motion blur at 99°: 0.8"); empty when kept.</summary>
    public string[] FlagReasons { get; set; } = Array.Empty<string>();
    /// <summary>Q_tech below which a frame is flagged (the theme's qtech_min).</summary>
    public double Cutoff { get; set; }
    /// <summary>True when the photo failed the technical gate hopelessly (Verdict "dropped"; never when locked in).</summary>
    public bool IsDropped { get; set; }
    /// <summary>Why it failed or nearly failed: blur, motion_blur, underexposed, overexposed, noise, low_resolution, enlarged.</summary>
    public string[] DropReasons { get; set; } = Array.Empty<string>();
    private ScoreComponent[] _components = Array.Empty<ScoreComponent>();
    private Func<ScoreComponent[]>? _componentSource;

    /// <summary>The values behind each score.</summary>
    public ScoreComponent[] Components
    {
        get => _componentSource?.Invoke() ?? _components;
        set
        {
            _components = value;
            _componentSource = null;
        }
    }

    /// <summary>True when <see cref="Components"/> are computed on each read (<see cref="ComputeComponentsOnRead"/>).</summary>
    public bool ComputesComponentsOnRead() => _componentSource is not null;

    /// <summary>
    /// Makes <see cref="Components"/> computed on each read by <paramref name="source"/> instead of held:
    /// a scorecard rebuilt from stage JSON recomputes them from the photo's features, so a large batch does
    /// not hold some twenty components per photo that only a few readers ever look at
    /// (docs/architecture.md#archive-scale). Setting <see cref="Components"/> holds values again.
    /// </summary>
    public void ComputeComponentsOnRead(Func<ScoreComponent[]> source)
    {
        _components = Array.Empty<ScoreComponent>();
        _componentSource = source;
    }

    /// <summary>
    /// Set by <c>Group-PhotoMoment</c> when a sibling of the same moment is clearly sharper ("softer than
    /// m_0007's hero: 0.42 of its detail, motion blur at 99°"): the frame is then flagged with this reason
    /// and its Total lowered like any flagged frame. Null when no sibling out-sharpens it.
    /// </summary>
    public string? SiblingFlag { get; set; }
    /// <summary>The verdict Measure-PhotoScore gave, before any moment's sibling comparison.</summary>
    public string ScoredVerdict { get; set; } = "";
    /// <summary>The Total Measure-PhotoScore gave, before any moment's sibling comparison.</summary>
    public double ScoredTotal { get; set; }

    /// <summary>
    /// Set by <c>Group-PhotoMoment</c> when this frame's noise is its scene's grain: the typical wavelet σ of
    /// its moment, within 1.3× of which noise is the scene's texture or grain, not a flaw (the noise part is
    /// not lowered and does not flag). Null when the noise was judged on the photo alone.
    /// </summary>
    public double? SceneNoise { get; set; }

    /// <summary>The photo this scorecard belongs to (file name), for <see cref="Explain"/>'s header.</summary>
    public string Photo { get; set; } = "";

    /// <summary>
    /// A header line (photo, verdict, Q_tech against the cutoff, flag reasons), then one line per
    /// component: "QTech  sharpness  0.82 × 0.40  (subject detail 3.1 octaves …)".
    /// </summary>
    public string[] Explain() => new[]
        {
            FormattableString.Invariant($"{(Photo.Length > 0 ? Photo : "photo")}: {Verdict} (Q_tech {QTech:0.00}, cutoff {Cutoff:0.00}; Total {Total:0.00}){(FlagReasons.Length > 0 ? " — " + string.Join("; ", FlagReasons) : "")}"),
        }
        .Concat(Components.Select(c => FormattableString.Invariant($"{c.Score,-12} {c.Name,-18} {c.Value:0.00} × {c.Weight:0.00}  ({c.Detail})")))
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
