using System.Globalization;
using System.Text;
using PhotoCuration.Engine.Themes;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Writes a theme as a normal theme.yaml (the keys <see cref="ThemeLoader"/> reads), preceded by a comment
/// block, and checks that the loader reads back the same weights and cutoff before anything is written.
/// </summary>
public static class ThemeYamlWriter
{
    public static string ToYaml(PhotoTheme t, IEnumerable<string> comment)
    {
        var sb = new StringBuilder();
        foreach (var line in comment) sb.Append("# ").Append(line).Append('\n');
        sb.Append("name: ").Append(Quote(t.Name)).Append('\n');
        sb.Append("description: ").Append(Quote(t.Description)).Append('\n');
        sb.Append("palette: [").Append(string.Join(", ", t.Palette.Select(Quote))).Append("]\n");
        sb.Append("mood: [").Append(string.Join(", ", t.Mood.Select(Quote))).Append("]\n");
        var w = t.Weights;
        sb.Append(Inv($"weights: {{q_tech: {w.QTech}, aesthetic: {w.Aesthetic}, vibe: {w.Vibe}, typography: {w.Typography}, composition: {w.Composition}}}\n"));
        sb.Append(Inv($"gates: {{q_tech_min: {t.QTechMin}}}\n"));
        sb.Append(Inv($"moments: {{time_gap_seconds: {t.MomentTimeGapSeconds}, phash_max_distance: {t.MomentPHashMaxDistance}, min_cosine: {t.MomentMinCosine}}}\n"));
        sb.Append("selection:\n");
        sb.Append(Inv($"  count: {t.SelectionCount}\n  quality_weight: {t.QualityWeight}\n  diversity_weight: {t.DiversityWeight}\n"));
        sb.Append("  role_quotas: {").Append(string.Join(", ", t.RoleQuotas.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => Inv($"{k.Key}: {k.Value}")))).Append("}\n");
        sb.Append("  axis_emphasis: {").Append(string.Join(", ", t.AxisEmphasis.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => Inv($"{k.Key}: {k.Value}")))).Append("}\n");
        sb.Append(Inv($"ranking: {{judge: {t.Judge}, model: {Quote(t.JudgeModel)}, max_pairs_per_cluster: {t.MaxPairsPerCluster}, finalists: {t.Finalists}, token_budget: {t.TokenBudget}}}\n"));
        if (t.Taste is { } taste)
        {
            // docs/algorithms.md#taste-over-measured-properties: Total += clamp(Σ weight·(value − mean)/sd, ±bound).
            sb.Append("taste:\n");
            sb.Append(Inv($"  bound: {taste.Bound}\n"));
            sb.Append("  learned_from: ").Append(Quote(taste.LearnedFrom)).Append('\n');
            sb.Append("  properties:\n");
            foreach (var p in taste.Properties)
                sb.Append(Inv($"    {p.Name}: {{mean: {p.Mean:R}, sd: {p.Sd:R}, weight: {p.Weight:R}}}\n"));
            if (taste.Embedding is { } e)
            {
                // docs/algorithms.md#taste-over-clip-embeddings
                sb.Append("  embedding:\n");
                sb.Append("    model: ").Append(Quote(e.Model)).Append('\n');
                sb.Append(Inv($"    scale: {e.Scale:R}\n"));
                sb.Append("    mean: [").Append(string.Join(", ", e.Mean.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))).Append("]\n");
                sb.Append("    weight: [").Append(string.Join(", ", e.Weight.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))).Append("]\n");
            }
        }
        var yaml = sb.ToString();
        var back = ThemeLoader.Parse(yaml, t.Name);
        if (!TasteModel.WeightsOf(back).SequenceEqual(TasteModel.WeightsOf(t)) || back.QTechMin != t.QTechMin || Canonical(back.Taste) != Canonical(t.Taste))
            throw new InvalidOperationException("The written theme does not read back with the same weights, cutoff and taste.");
        return yaml;
    }

    private static string Canonical(TasteTerm? taste) => taste is null ? "" :
        Inv($"{taste.Bound:R}|") + string.Join("|", taste.Properties.Select(p => Inv($"{p.Name},{p.Mean:R},{p.Sd:R},{p.Weight:R}")))
        + (taste.Embedding is { } e ? Inv($"|{e.Model},{e.Scale:R}|") + string.Join(",", e.Mean.Concat(e.Weight).Select(x => x.ToString("R", CultureInfo.InvariantCulture))) : "");

    /// <summary>YAML double-quoted scalar: JSON escaping is valid YAML.</summary>
    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
