namespace PhotoCuration.Engine.Models;

/// <summary>
/// CLIP-IQA (Wang, Chan &amp; Loy, AAAI 2023; docs/algorithms.md#clip-features): for each antonym pair,
/// sigmoid(100·(cos₊ − cos₋)) = softmax over the pair; pyiqa's three pairs averaged. A ViT on a 224
/// centre crop is not the paper's RN50 at full resolution: a relative, within-shoot signal.
/// </summary>
public static class ClipIqa
{
    /// <summary>pyiqa clipiqa_arch.py prompt pairs, positive first.</summary>
    public static readonly IReadOnlyList<(string Positive, string Negative)> Pairs = new[]
    {
        ("Good photo.", "Bad photo."),
        ("High quality.", "Low quality."),
        ("Sharp photo.", "Blurry photo."),
    };

    /// <summary>Flat prompt list for the text cache: positive, negative, positive, negative…</summary>
    public static IReadOnlyList<string> Prompts => Pairs.SelectMany(p => new[] { p.Positive, p.Negative }).ToArray();

    /// <summary>Score in [0,1] from the image embedding and the prompt embeddings in <see cref="Prompts"/> order.</summary>
    public static double Score(float[] image, IReadOnlyList<float[]> prompts)
    {
        double sum = 0;
        for (var i = 0; i + 1 < prompts.Count; i += 2)
        {
            var diff = OnnxSignature.Dot(image, prompts[i]) - OnnxSignature.Dot(image, prompts[i + 1]);
            sum += 1 / (1 + Math.Exp(-ZeroShotClassifier.LogitScale * diff));
        }
        return sum / (prompts.Count / 2);
    }
}
