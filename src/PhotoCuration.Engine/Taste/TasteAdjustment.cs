using System.Globalization;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// What a theme's learned taste does to one photo's Total (docs/algorithms.md#taste-over-measured-properties):
/// Δ = clamp(Σ wⱼ (xⱼ − μⱼ)/σⱼ + Σ uᵢ (eᵢ − mᵢ)/s, −bound, +bound) (the second sum over the CLIP embedding
/// when the taste has one, docs/algorithms.md#taste-over-clip-embeddings), with the reasons naming the three
/// largest contributions.
/// One photo at a time (Measure-PhotoScore streams), so the stored training centre and spread stand in for
/// the shoot's own.
/// </summary>
public static class TasteAdjustment
{
    public sealed record Result(double Delta, string Detail);

    public static Result Of(TasteTerm taste, PhotoFeatures f)
    {
        var parts = new List<(string Words, double Z, double Contribution)>();
        foreach (var p in taste.Properties)
        {
            if (TasteProperties.Find(p.Name) is not { } property || p.Sd <= 0) continue;
            var z = (property.Measure(f) - p.Mean) / p.Sd;
            if (!double.IsFinite(z)) continue;
            parts.Add((property.Words, z, p.Weight * z));
        }
        var embedding = "";
        if (taste.Embedding is { } e)
        {
            if (TasteEmbeddings.Of(f, e.Model) is { } v && v.Length == e.Weight.Length && e.Scale > 0)
            {
                double c = 0;
                for (var i = 0; i < v.Length; i++) c += e.Weight[i] * (v[i] - e.Mean[i]) / e.Scale;
                parts.Add(("CLIP embedding", double.NaN, c));
            }
            else embedding = Inv($"; no {e.Model} embedding, so its part is left out");
        }
        var raw = parts.Sum(x => x.Contribution);
        var delta = Math.Clamp(raw, -taste.Bound, taste.Bound);
        var top = parts.Where(x => x.Contribution != 0).OrderByDescending(x => Math.Abs(x.Contribution)).ThenBy(x => x.Words, StringComparer.Ordinal).Take(3)
            .Select(x => double.IsNaN(x.Z) ? Inv($"{x.Words} ({x.Contribution:+0.000;-0.000})") : Inv($"{x.Words} {x.Z:+0.0;-0.0} sd ({x.Contribution:+0.000;-0.000})"));
        var clamped = raw != delta ? Inv($", clamped from {raw:+0.000;-0.000} to ±{taste.Bound:0.00}") : "";
        var detail = Inv($"learned taste {delta:+0.000;-0.000} to Total{clamped}: ") + string.Join(", ", top) + embedding;
        return new Result(delta, detail);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
