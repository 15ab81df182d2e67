using System.Globalization;
using PhotoCuration.Engine.Scoring;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Learns the theme's taste block (docs/algorithms.md#taste-over-measured-properties): each shoot's properties
/// standardized by that shoot's mean and spread, within-moment pick-vs-non-pick pairs, <see cref="PropertyFit"/>,
/// then each coefficient turned into Total per standard deviation (βⱼ / max(γ, γ_min)).
/// </summary>
public static class PropertyTasteLearner
{
    /// <summary>Largest change of Total the taste may make [heuristic]: about the spread of Totals inside a moment, so it can reorder a moment's frames but not lift a flagged frame over a good one of another moment.</summary>
    public const double Bound = 0.15;

    /// <summary>
    /// Floor of γ in the conversion to Total units [heuristic]: when the photographer's choices do not follow
    /// Total at all (γ near 0), β/γ would explode; 5 logits per unit Total (a gap of 0.2 in Total = 1 logit) caps it.
    /// </summary>
    public const double MinTotalScale = 5;

    /// <summary>Per-shoot centre and spread of every property.</summary>
    private sealed record Standard(double[] Mean, double[] Sd);

    public static (TasteTerm? Taste, PropertyFit.Result Fit) Learn(IReadOnlyList<TasteShoot> shoots, PhotoTheme theme, double ridge = PropertyFit.Ridge)
    {
        var props = TasteProperties.All;
        var standards = shoots.Select(Standardize).ToList();
        var embedding = EmbeddingStandards(shoots);
        var dims = embedding?.Model is null ? 0 : embedding.Value.Mean[0].Length;
        var pairs = new List<PropertyFit.Pair>();
        for (var s = 0; s < shoots.Count; s++)
        {
            var st = standards[s];
            var es = embedding is { } em ? (em.Mean[s], em.Scale[s]) : ((double[], double)?)null;
            foreach (var moment in TasteModel.Moments(new[] { shoots[s] }))
            {
                var rows = moment.Select(p => (p.Label, Total: Scorecard.Score(p.Features, theme, false).Total, Z: Z(p.Features, st).Concat(EmbeddingZ(p.Features, es)).ToArray())).ToList();
                foreach (var (pick, other, weight) in TasteModel.PickPairs(rows, r => r.Label))
                    pairs.Add(new PropertyFit.Pair(pick.Total - other.Total, pick.Z.Zip(other.Z, (a, b) => a - b).ToArray(), weight));
            }
        }
        var fit = PropertyFit.Fit(pairs, props.Count + dims, ridge);
        if (pairs.Count == 0) return (null, fit);
        var scale = Math.Max(fit.TotalScale, MinTotalScale);
        var properties = new List<TasteProperty>();
        for (var j = 0; j < props.Count; j++)
        {
            var spreads = standards.Select(st => st.Sd[j]).Where(v => v > 0).ToList();
            if (spreads.Count == 0) continue;
            properties.Add(new TasteProperty
            {
                Name = props[j].Name,
                Mean = Sig(standards.Average(st => st.Mean[j])),
                Sd = Sig(spreads.Average()),
                Weight = Math.Round(fit.Coefficients[j] / scale, 4),
            });
        }
        var taste = new TasteTerm
        {
            Bound = Bound,
            LearnedFrom = Inv($"{shoots.Count} shoot(s), {pairs.Count} within-moment pairs; γ {fit.TotalScale:0.00} logits per unit Total, ridge λ {ridge}")
                + (embedding is { } used ? Inv($"; {used.Model} embeddings ({dims} dimensions)") : ""),
            Properties = properties.ToArray(),
        };
        if (embedding is { } emb)
        {
            taste.Embedding = new TasteEmbedding
            {
                Model = emb.Model,
                Scale = Sig(emb.Scale.Average()),
                Mean = Enumerable.Range(0, dims).Select(i => Sig(emb.Mean.Average(m => m[i]))).ToArray(),
                Weight = Enumerable.Range(0, dims).Select(i => Sig(fit.Coefficients[props.Count + i] / scale)).ToArray(),
            };
        }
        return (taste, fit);
    }

    /// <summary>
    /// Per shoot, the mean embedding and one spread for all dimensions (the RMS distance from the mean over √D):
    /// one scale keeps the embedding's geometry, where a spread per dimension would blow up its quiet ones
    /// (docs/algorithms.md#taste-over-clip-embeddings). Null unless every photo has a readable embedding of one model.
    /// </summary>
    private static (string Model, double[][] Mean, double[] Scale)? EmbeddingStandards(IReadOnlyList<TasteShoot> shoots)
    {
        var photos = shoots.SelectMany(s => s.Photos).ToList();
        var models = photos.Select(p => p.Features.EmbeddingModel).Distinct(StringComparer.Ordinal).ToList();
        if (photos.Count == 0 || models.Count != 1 || models[0] is not { } model) return null;
        if (photos.Select(p => TasteEmbeddings.Of(p.Features, model)?.Length ?? 0).Distinct().ToList() is not [var d] || d == 0) return null;
        var means = new double[shoots.Count][];
        var scales = new double[shoots.Count];
        for (var s = 0; s < shoots.Count; s++)
        {
            var vectors = shoots[s].Photos.Select(p => TasteEmbeddings.Of(p.Features, model)!).ToList();
            var mean = new double[d];
            foreach (var v in vectors) for (var i = 0; i < d; i++) mean[i] += v[i] / (double)vectors.Count;
            var ss = vectors.Sum(v => v.Select((x, i) => (x - mean[i]) * (x - mean[i])).Sum()) / Math.Max(1, vectors.Count);
            means[s] = mean;
            scales[s] = Math.Sqrt(ss / d);
        }
        return scales.Any(x => x <= 0) ? null : (model, means, scales);
    }

    private static IEnumerable<double> EmbeddingZ(PhotoFeatures f, (double[] Mean, double Scale)? standard)
    {
        if (standard is not { } st) return Array.Empty<double>();
        var v = TasteEmbeddings.Of(f)!;
        return v.Select((x, i) => (x - st.Mean[i]) / st.Scale);
    }

    private static Standard Standardize(TasteShoot shoot)
    {
        var props = TasteProperties.All;
        var mean = new double[props.Count];
        var sd = new double[props.Count];
        for (var j = 0; j < props.Count; j++)
        {
            var values = shoot.Photos.Select(p => props[j].Measure(p.Features)).Where(double.IsFinite).ToList();
            if (values.Count == 0) continue;
            mean[j] = values.Average();
            sd[j] = Math.Sqrt(values.Average(v => (v - mean[j]) * (v - mean[j])));
        }
        return new Standard(mean, sd);
    }

    private static double[] Z(PhotoFeatures f, Standard st) => TasteProperties.All.Select((p, j) =>
    {
        var v = p.Measure(f);
        return st.Sd[j] > 0 && double.IsFinite(v) ? (v - st.Mean[j]) / st.Sd[j] : 0;
    }).ToArray();

    /// <summary>Six significant digits: what the theme file holds, so the learned theme and its file score alike.</summary>
    private static double Sig(double v) => double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
