namespace PhotoCuration.Engine.Taste;

/// <summary>
/// The measured properties a taste is learned over (docs/algorithms.md#taste-over-measured-properties): raw
/// values of the feature record, not the scorecard's clamped components, so a preference the five scores
/// blur together (warmth inside Vibe, centring nowhere) stays visible. Order is the file order.
/// </summary>
public static class TasteProperties
{
    public sealed record Property(string Name, string Words, Func<PhotoFeatures, double> Measure);

    public static readonly IReadOnlyList<Property> All = new Property[]
    {
        new("warmth", "warmth (Lab b*)", f => f.Warmth),
        new("colourfulness", "colourfulness (M3)", f => f.Colorfulness),
        new("saturation", "saturation", f => f.Saturation),
        new("brightness", "median luma", f => f.LumaP50),
        new("contrast", "contrast (luma p99−p1)", f => f.Contrast),
        new("local_contrast", "local contrast", f => f.LocalContrast),
        new("detail", "subject detail", f => f.Detail),
        new("isolation", "subject isolation", f => f.SubjectSharpness - f.Sharpness),
        new("noise", "noise σ", f => f.NoiseSigma),
        new("negative_space", "negative space (copy space)", f => f.CopySpace),
        new("centring", "subject centring", Centring),
        new("thirds", "rule of thirds", f => f.RuleOfThirds),
        new("balance", "balance", f => f.Balance),
        new("edge_cut", "subject cut by the edge", f => f.EdgeCut),
    };

    public static Property? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>1 with the saliency centroid at the frame centre, 0 at a corner.</summary>
    public static double Centring(PhotoFeatures f) => 1 - Math.Sqrt((f.SubjectX - 0.5) * (f.SubjectX - 0.5) + (f.SubjectY - 0.5) * (f.SubjectY - 0.5)) / Math.Sqrt(0.5);
}
