namespace PhotoCuration;

/// <summary>
/// A curation theme (docs/architecture.md#themes): palette, mood, score weights, gates and the parameters of the
/// later stages. Loaded from <c>data/themes/*.yaml</c>, a path, or the built-in default.
/// </summary>
public sealed class PhotoTheme
{
    /// <summary>Theme name.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the theme is for.</summary>
    public string Description { get; set; } = "";

    /// <summary>Target palette as <c>#RRGGBB</c> colours.</summary>
    public string[] Palette { get; set; } = Array.Empty<string>();

    /// <summary>Mood prompts (used with CLIP when a model is present).</summary>
    public string[] Mood { get; set; } = Array.Empty<string>();

    /// <summary>Weights of the five scores in Total_prelim (normalized to sum 1).</summary>
    public ThemeWeights Weights { get; set; } = new();

    /// <summary>Minimum Q_tech below which a photo is dropped (unless locked in).</summary>
    public double QTechMin { get; set; } = 0.30;

    /// <summary>Largest capture-time gap within one moment, in seconds.</summary>
    public double MomentTimeGapSeconds { get; set; } = 20;

    /// <summary>Largest pHash Hamming distance within one moment.</summary>
    public int MomentPHashMaxDistance { get; set; } = 12;

    /// <summary>Smallest CLIP cosine within one moment, when embeddings exist.</summary>
    public double MomentMinCosine { get; set; } = 0.90;

    /// <summary>Number of photos to select.</summary>
    public int SelectionCount { get; set; } = 24;

    /// <summary>Weight of the quality term in selection.</summary>
    public double QualityWeight { get; set; } = 0.7;

    /// <summary>Weight of the diversity term in selection.</summary>
    public double DiversityWeight { get; set; } = 0.3;

    /// <summary>Photos per role: opener, body, closer.</summary>
    public Dictionary<string, int> RoleQuotas { get; set; } = new();

    /// <summary>Emphasis per coverage axis (scene_type, palette_cluster, time_of_day, people_count, orientation).</summary>
    public Dictionary<string, double> AxisEmphasis { get; set; } = new();

    /// <summary>LLM judge: <c>none</c> or <c>openai</c>.</summary>
    public string Judge { get; set; } = "none";

    /// <summary>Judge model name.</summary>
    public string JudgeModel { get; set; } = "gpt-4o-mini";

    /// <summary>Comparisons per moment at most.</summary>
    public int MaxPairsPerCluster { get; set; } = 6;

    /// <summary>Opener finalists judged.</summary>
    public int Finalists { get; set; } = 20;

    /// <summary>Token budget of the judge.</summary>
    public int TokenBudget { get; set; } = 200000;

    /// <summary>A learned taste over measured properties (New-PhotoTheme -LearnFrom), applied to Total by Measure-PhotoScore; null: none.</summary>
    public TasteTerm? Taste { get; set; }

    /// <summary>File the theme came from, or <c>built-in</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>SHA-256 of the theme's canonical form: part of cache keys of theme-dependent stages.</summary>
    public string Hash { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Weights of the five scores in <c>Total_prelim</c>.</summary>
public sealed class ThemeWeights
{
    /// <summary>Weight of Q_tech.</summary>
    public double QTech { get; set; } = 0.30;
    /// <summary>Weight of Aesthetic.</summary>
    public double Aesthetic { get; set; } = 0.25;
    /// <summary>Weight of Vibe.</summary>
    public double Vibe { get; set; } = 0.20;
    /// <summary>Weight of Typography.</summary>
    public double Typography { get; set; } = 0.10;
    /// <summary>Weight of Composition.</summary>
    public double Composition { get; set; } = 0.15;

    /// <summary>Sum of the weights.</summary>
    public double Sum => QTech + Aesthetic + Vibe + Typography + Composition;
}

/// <summary>One problem found in a theme file, with where it is.</summary>
public sealed class ThemeIssue
{
    /// <summary>The theme file.</summary>
    public string File { get; set; } = "";
    /// <summary>1-based line.</summary>
    public int Line { get; set; }
    /// <summary>1-based column.</summary>
    public int Column { get; set; }
    /// <summary>Dotted key path, e.g. <c>selection.axis_emphasis.time_of_day</c>.</summary>
    public string Key { get; set; } = "";
    /// <summary>What is wrong and what is allowed.</summary>
    public string Message { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Key}: {Message}";
}
