namespace PhotoCuration;

/// <summary>
/// What <c>New-PhotoTheme -LearnFrom</c> learned from a photographer's culled shoots: the theme it wrote,
/// whether the learned weights were adopted, and the held-out evidence (leave-one-shoot-out within-moment
/// pairwise agreement of the base and the learned theme, the bootstrap interval of the gain, the learning curve).
/// </summary>
public sealed class ThemeLearning
{
    /// <summary>Name of the written theme.</summary>
    public string Name { get; set; } = "";
    /// <summary>The theme file written.</summary>
    public string OutFile { get; set; } = "";
    /// <summary>The theme it started from.</summary>
    public string BaseTheme { get; set; } = "";
    /// <summary>Culled shoots learned from (folders with decisions).</summary>
    public string[] Shoots { get; set; } = Array.Empty<string>();
    /// <summary>Within-moment (pick, non-pick) pairs over all shoots.</summary>
    public int Pairs { get; set; }
    /// <summary>True when the learned weights were written; false when the base weights were.</summary>
    public bool Adopted { get; set; }
    /// <summary>Why, with the figures.</summary>
    public string Verdict { get; set; } = "";
    /// <summary>Held-out agreement of the base theme.</summary>
    public double DefaultAgreement { get; set; }
    /// <summary>Held-out agreement of the learned theme.</summary>
    public double LearnedAgreement { get; set; }
    /// <summary>Lower end of the 95% bootstrap interval of the gain (learned − base).</summary>
    public double GainLow { get; set; }
    /// <summary>Upper end of the 95% bootstrap interval of the gain.</summary>
    public double GainHigh { get; set; }
    /// <summary>Held-out agreement of the learned theme by number of training shoots: "1: 0.56 (base 0.51)".</summary>
    public string[] LearningCurve { get; set; } = Array.Empty<string>();
    /// <summary>The weights written (q_tech, aesthetic, vibe, typography, composition).</summary>
    public ThemeWeights Weights { get; set; } = new();
    /// <summary>The gate cutoff written.</summary>
    public double QTechMin { get; set; }
    /// <summary>The weights learned, whether adopted or not.</summary>
    public ThemeWeights LearnedWeights { get; set; } = new();
    /// <summary>The taste over measured properties learned, whether adopted or not (written in the theme's taste: block only when adopted); null without pairs.</summary>
    public TasteTerm? LearnedTaste { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Verdict}";
}
