namespace PhotoCuration;

/// <summary>
/// A photographer's learned taste over measured properties (docs/algorithms.md#taste-over-measured-properties),
/// the <c>taste:</c> block of a theme: Measure-PhotoScore adds Σ weight·(value − mean)/sd over the
/// properties to Total, clamped to ±<see cref="Bound"/>, and names the largest contributions in the score's reasons.
/// </summary>
public sealed class TasteTerm
{
    /// <summary>Largest change of Total the taste may make, either way.</summary>
    public double Bound { get; set; } = 0.15;

    /// <summary>What it was learned from, in words (shoots, pairs).</summary>
    public string LearnedFrom { get; set; } = "";

    /// <summary>The properties and their weights, in the catalogue's order.</summary>
    public TasteProperty[] Properties { get; set; } = Array.Empty<TasteProperty>();

    /// <summary>The learned direction over one CLIP model's image embeddings, when every photo learned from had one; null otherwise.</summary>
    public TasteEmbedding? Embedding { get; set; }
}

/// <summary>
/// A taste over CLIP image embeddings: Total moves by Σ weightᵢ (eᵢ − meanᵢ) / scale, added to the properties'
/// part before the bound. Only photos whose embedding comes from <see cref="Model"/> get it.
/// </summary>
public sealed class TasteEmbedding
{
    /// <summary>The CLIP model whose embeddings it was learned on.</summary>
    public string Model { get; set; } = "";
    /// <summary>Typical per-dimension spread of the embeddings within a shoot.</summary>
    public double Scale { get; set; } = 1;
    /// <summary>Centre: the training shoots' mean of their mean embeddings.</summary>
    public double[] Mean { get; set; } = Array.Empty<double>();
    /// <summary>Change of Total per unit of each standardized dimension.</summary>
    public double[] Weight { get; set; } = Array.Empty<double>();
}

/// <summary>One measured property of a taste: how it is standardized and how much Total moves per standard deviation.</summary>
public sealed class TasteProperty
{
    /// <summary>Property name (warmth, colourfulness, contrast, …).</summary>
    public string Name { get; set; } = "";
    /// <summary>Centre the value is measured from: the training shoots' mean of their per-shoot means.</summary>
    public double Mean { get; set; }
    /// <summary>Standard deviation it is measured in: the training shoots' mean of their per-shoot spreads.</summary>
    public double Sd { get; set; } = 1;
    /// <summary>Change of Total per standard deviation (positive: the photographer prefers more of it).</summary>
    public double Weight { get; set; }
}
