namespace PhotoCuration.Engine.Models;

/// <summary>
/// Zero-shot classification (docs/algorithms.md#clip-features): logits = 100 · image · classᵀ (CLIP's logit scale, which
/// Immich's exports leave out), softmax over the classes.
/// </summary>
public static class ZeroShotClassifier
{
    /// <summary>exp(logit_scale) of the OpenAI CLIP models.</summary>
    public const double LogitScale = 100.0;

    public static (double[] Cosines, double[] Probabilities) Classify(float[] image, IReadOnlyList<float[]> classes)
    {
        var cos = classes.Select(c => (double)OnnxSignature.Dot(image, c)).ToArray();
        return (cos, Softmax(cos.Select(c => LogitScale * c).ToArray()));
    }

    public static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    /// <summary>Indices of the k highest probabilities, ties by index (deterministic).</summary>
    public static int[] TopK(double[] probabilities, int k) =>
        Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(k).ToArray();
}
