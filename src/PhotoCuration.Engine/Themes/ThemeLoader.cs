using System.Globalization;
using System.Text.RegularExpressions;
using PhotoCuration.Engine.Workspace;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhotoCuration.Engine.Themes;

/// <summary>
/// Loads <c>theme.yaml</c> strictly (docs/architecture.md#themes): unknown keys, wrong types and out-of-range values
/// are errors that name the file, line, column and key and say what is allowed. Every problem in the
/// file is reported at once, not just the first. Keys not given take the built-in defaults.
/// </summary>
public static class ThemeLoader
{
    public static readonly IReadOnlyList<string> Judges = new[] { "none", "openai" };
    private static readonly Regex HexColour = new("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant);

    public static PhotoTheme LoadFile(string path)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ThemeValidationException(full, new[] { new ThemeIssue { File = full, Key = "", Message = "cannot read the file: " + ex.Message } });
        }
        return Parse(text, full);
    }

    public static PhotoTheme BuiltIn() => Parse(BuiltInTheme.Yaml, BuiltInTheme.Source);

    /// <summary>Parses theme YAML; <paramref name="source"/> names it in messages.</summary>
    public static PhotoTheme Parse(string yaml, string source)
    {
        var issues = new List<ThemeIssue>();
        var theme = BuiltInDefaults();
        theme.Source = source;
        var reader = new Reader(source, issues);

        YamlMappingNode? root = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0) reader.Fail(null, "", "the file is empty; a theme needs at least a name");
            else if (stream.Documents[0].RootNode is YamlMappingNode m) root = m;
            else reader.Fail(stream.Documents[0].RootNode, "", "the top level must be a mapping of keys (name:, palette:, weights: …)");
        }
        catch (YamlException ex)
        {
            // YamlDotNet itself refuses repeated keys ("Duplicate key name"): name the key like our own checks do.
            const string Duplicate = "Duplicate key ";
            var duplicate = ex.Message.StartsWith(Duplicate, StringComparison.Ordinal) ? ex.Message[Duplicate.Length..].Trim() : null;
            issues.Add(new ThemeIssue
            {
                File = source,
                Line = (int)ex.Start.Line,
                Column = (int)ex.Start.Column,
                Key = duplicate ?? "",
                Message = duplicate is null ? "not valid YAML: " + ex.Message : "appears twice",
            });
        }

        if (root is not null) Read(root, theme, reader);
        if (issues.Count > 0) throw new ThemeValidationException(source, issues);
        theme.Hash = Hashing.Of(StageJson.Serialize(Canonical(theme)) + CanonicalTaste(theme));
        return theme;
    }

    private static void Read(YamlMappingNode root, PhotoTheme theme, Reader r)
    {
        var sawName = false;
        foreach (var (key, value) in r.Entries(root, "", new[] { "name", "description", "palette", "mood", "weights", "gates", "moments", "selection", "ranking", "taste" }))
        {
            switch (key)
            {
                case "name":
                    if (r.String(value, "name") is { } name)
                    {
                        sawName = true;
                        if (name.Length == 0 || name.Length > 64) r.Fail(value, "name", "must be 1–64 characters");
                        else theme.Name = name;
                    }
                    break;
                case "description": theme.Description = r.String(value, "description") ?? theme.Description; break;
                case "palette":
                    if (r.StringList(value, "palette") is { } palette)
                    {
                        var ok = true;
                        for (var i = 0; i < palette.Count; i++)
                        {
                            if (!HexColour.IsMatch(palette[i].Text))
                            {
                                r.Fail(palette[i].Node, $"palette[{i}]", $"'{palette[i].Text}' is not a colour; write #RRGGBB, e.g. \"#8B4513\" (quoted: # starts a YAML comment)");
                                ok = false;
                            }
                        }
                        if (palette.Count > 16) { r.Fail(value, "palette", "at most 16 colours"); ok = false; }
                        if (ok) theme.Palette = palette.Select(p => p.Text.ToUpperInvariant()).ToArray();
                    }
                    break;
                case "mood":
                    if (r.StringList(value, "mood") is { } mood) theme.Mood = mood.Select(m => m.Text).ToArray();
                    break;
                case "weights": ReadWeights(value, theme, r); break;
                case "gates":
                    foreach (var (k, v) in r.Entries(value, "gates", new[] { "q_tech_min" }))
                    {
                        if (r.Number(v, "gates.q_tech_min", 0, 1) is { } min) theme.QTechMin = min;
                    }
                    break;
                case "moments":
                    foreach (var (k, v) in r.Entries(value, "moments", new[] { "time_gap_seconds", "phash_max_distance", "min_cosine" }))
                    {
                        switch (k)
                        {
                            case "time_gap_seconds": if (r.Number(v, "moments.time_gap_seconds", 0, 86400) is { } gap) theme.MomentTimeGapSeconds = gap; break;
                            case "phash_max_distance": if (r.Integer(v, "moments.phash_max_distance", 0, 64) is { } d) theme.MomentPHashMaxDistance = d; break;
                            case "min_cosine": if (r.Number(v, "moments.min_cosine", -1, 1) is { } c) theme.MomentMinCosine = c; break;
                        }
                    }
                    break;
                case "selection": ReadSelection(value, theme, r); break;
                case "ranking": ReadRanking(value, theme, r); break;
                case "taste": ReadTaste(value, theme, r); break;
            }
        }
        if (!sawName) r.Fail(root, "name", "is required");
    }

    private static void ReadWeights(YamlNode node, PhotoTheme theme, Reader r)
    {
        var w = theme.Weights;
        foreach (var (k, v) in r.Entries(node, "weights", new[] { "q_tech", "aesthetic", "vibe", "typography", "composition" }))
        {
            if (r.Number(v, "weights." + k, 0, 1) is not { } x) continue;
            switch (k)
            {
                case "q_tech": w.QTech = x; break;
                case "aesthetic": w.Aesthetic = x; break;
                case "vibe": w.Vibe = x; break;
                case "typography": w.Typography = x; break;
                case "composition": w.Composition = x; break;
            }
        }
        if (w.Sum <= 0) r.Fail(node, "weights", "at least one weight must be above 0");
    }

    private static void ReadSelection(YamlNode node, PhotoTheme theme, Reader r)
    {
        foreach (var (k, v) in r.Entries(node, "selection", new[] { "count", "quality_weight", "diversity_weight", "role_quotas", "axis_emphasis" }))
        {
            switch (k)
            {
                case "count": if (r.Integer(v, "selection.count", 1, 10000) is { } c) theme.SelectionCount = c; break;
                case "quality_weight": if (r.Number(v, "selection.quality_weight", 0, 1) is { } q) theme.QualityWeight = q; break;
                case "diversity_weight": if (r.Number(v, "selection.diversity_weight", 0, 1) is { } d) theme.DiversityWeight = d; break;
                case "role_quotas":
                    var quotas = new Dictionary<string, int>();
                    foreach (var (role, rv) in r.Entries(v, "selection.role_quotas", Roles.All))
                    {
                        if (r.Integer(rv, "selection.role_quotas." + role, 0, 10000) is { } n) quotas[role] = n;
                    }
                    theme.RoleQuotas = quotas;
                    break;
                case "axis_emphasis":
                    var emphasis = new Dictionary<string, double>();
                    foreach (var (axis, av) in r.Entries(v, "selection.axis_emphasis", Axes.All))
                    {
                        if (r.Number(av, "selection.axis_emphasis." + axis, 0, 10) is { } e) emphasis[axis] = e;
                    }
                    theme.AxisEmphasis = emphasis;
                    break;
            }
        }
    }

    private static void ReadRanking(YamlNode node, PhotoTheme theme, Reader r)
    {
        foreach (var (k, v) in r.Entries(node, "ranking", new[] { "judge", "model", "max_pairs_per_cluster", "finalists", "token_budget" }))
        {
            switch (k)
            {
                case "judge":
                    if (r.String(v, "ranking.judge") is { } judge)
                    {
                        var lower = judge.ToLowerInvariant();
                        if (Judges.Contains(lower)) theme.Judge = lower;
                        else r.Fail(v, "ranking.judge", $"'{judge}' is not a judge; allowed: {string.Join(", ", Judges)}");
                    }
                    break;
                case "model": theme.JudgeModel = r.String(v, "ranking.model") ?? theme.JudgeModel; break;
                case "max_pairs_per_cluster": if (r.Integer(v, "ranking.max_pairs_per_cluster", 1, 6) is { } p) theme.MaxPairsPerCluster = p; break;
                case "finalists": if (r.Integer(v, "ranking.finalists", 2, 100) is { } f) theme.Finalists = f; break;
                case "token_budget": if (r.Integer(v, "ranking.token_budget", 0, 100_000_000) is { } b) theme.TokenBudget = b; break;
            }
        }
    }

    /// <summary>The learned taste block (docs/algorithms.md#taste-over-measured-properties): bound, learned_from, properties by name.</summary>
    private static void ReadTaste(YamlNode node, PhotoTheme theme, Reader r)
    {
        var taste = new TasteTerm();
        var properties = new List<TasteProperty>();
        foreach (var (k, v) in r.Entries(node, "taste", new[] { "bound", "learned_from", "properties", "embedding" }))
        {
            switch (k)
            {
                case "bound": if (r.Number(v, "taste.bound", 0, 0.5) is { } b) taste.Bound = b; break;
                case "learned_from": taste.LearnedFrom = r.String(v, "taste.learned_from") ?? ""; break;
                case "properties":
                    var names = Taste.TasteProperties.All.Select(p => p.Name).ToArray();
                    foreach (var (name, pv) in r.Entries(v, "taste.properties", names))
                    {
                        var property = new TasteProperty { Name = name };
                        var ok = true;
                        foreach (var (field, fv) in r.Entries(pv, "taste.properties." + name, new[] { "mean", "sd", "weight" }))
                        {
                            var key = $"taste.properties.{name}.{field}";
                            switch (field)
                            {
                                case "mean": if (r.Number(fv, key, -1e6, 1e6) is { } m) property.Mean = m; else ok = false; break;
                                case "sd": if (r.Number(fv, key, 1e-9, 1e6) is { } sd) property.Sd = sd; else ok = false; break;
                                case "weight": if (r.Number(fv, key, -1, 1) is { } w) property.Weight = w; else ok = false; break;
                            }
                        }
                        if (ok) properties.Add(property);
                    }
                    break;
                case "embedding": taste.Embedding = ReadTasteEmbedding(v, r); break;
            }
        }
        taste.Properties = properties.OrderBy(p => Array.FindIndex(Taste.TasteProperties.All.ToArray(), q => q.Name == p.Name)).ToArray();
        theme.Taste = taste;
    }

    /// <summary>The taste's CLIP part (docs/algorithms.md#taste-over-clip-embeddings): model, scale, mean and weight of equal length.</summary>
    private static TasteEmbedding? ReadTasteEmbedding(YamlNode node, Reader r)
    {
        var e = new TasteEmbedding();
        var ok = true;
        foreach (var (k, v) in r.Entries(node, "taste.embedding", new[] { "model", "scale", "mean", "weight" }))
        {
            switch (k)
            {
                case "model": e.Model = r.String(v, "taste.embedding.model") ?? ""; break;
                case "scale": if (r.Number(v, "taste.embedding.scale", 1e-12, 1e6) is { } sc) e.Scale = sc; else ok = false; break;
                case "mean": if (Numbers(v, "taste.embedding.mean", r) is { } m) e.Mean = m; else ok = false; break;
                case "weight": if (Numbers(v, "taste.embedding.weight", r) is { } w) e.Weight = w; else ok = false; break;
            }
        }
        if (e.Model.Length == 0) { r.Fail(node, "taste.embedding.model", "is required: the CLIP model the embedding taste was learned on"); ok = false; }
        if (ok && (e.Mean.Length == 0 || e.Mean.Length != e.Weight.Length))
        {
            r.Fail(node, "taste.embedding", $"mean ({e.Mean.Length} values) and weight ({e.Weight.Length}) must have the same, non-zero length");
            ok = false;
        }
        return ok ? e : null;
    }

    private static double[]? Numbers(YamlNode node, string key, Reader r)
    {
        if (r.StringList(node, key) is not { } list) return null;
        var values = new double[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (!double.TryParse(list[i].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                r.Fail(list[i].Node, $"{key}[{i}]", "must be a number");
                return null;
            }
        }
        return values;
    }

    private static PhotoTheme BuiltInDefaults() => new()
    {
        Name = "",
        RoleQuotas = new Dictionary<string, int> { ["opener"] = 1, ["closer"] = 1 },
        AxisEmphasis = new Dictionary<string, double> { ["time_of_day"] = 1.0, ["scene_type"] = 1.0, ["palette_cluster"] = 0.5, ["people_count"] = 0.5, ["orientation"] = 0.8 },
    };

    /// <summary>The theme without its source, for hashing: the same settings give the same hash wherever they live.</summary>
    private static object Canonical(PhotoTheme t) => new
    {
        t.Name, t.Description, t.Palette, t.Mood,
        Weights = new[] { t.Weights.QTech, t.Weights.Aesthetic, t.Weights.Vibe, t.Weights.Typography, t.Weights.Composition },
        t.QTechMin, t.MomentTimeGapSeconds, t.MomentPHashMaxDistance, t.MomentMinCosine, t.SelectionCount, t.QualityWeight, t.DiversityWeight,
        RoleQuotas = t.RoleQuotas.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)).ToArray(),
        AxisEmphasis = t.AxisEmphasis.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
        t.Judge, t.JudgeModel, t.MaxPairsPerCluster, t.Finalists, t.TokenBudget,
    };

    /// <summary>The taste block's part of the hash; empty without one, so themes without a taste keep their hash.</summary>
    private static string CanonicalTaste(PhotoTheme t) => t.Taste is { } taste
        ? "\ntaste bound=" + taste.Bound.ToString("R", CultureInfo.InvariantCulture)
          + string.Concat(taste.Properties.Select(p => FormattableString.Invariant($";{p.Name}={p.Mean:R},{p.Sd:R},{p.Weight:R}")))
          + (taste.Embedding is { } e
              ? FormattableString.Invariant($";embedding={e.Model},{e.Scale:R}:") + string.Join(",", e.Mean.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))
                + ":" + string.Join(",", e.Weight.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))
              : "")
        : "";

    /// <summary>Typed reads that record an issue (and return null) instead of throwing.</summary>
    private sealed class Reader
    {
        private readonly string _source;
        private readonly List<ThemeIssue> _issues;

        public Reader(string source, List<ThemeIssue> issues)
        {
            _source = source;
            _issues = issues;
        }

        public void Fail(YamlNode? node, string key, string message) => _issues.Add(new ThemeIssue
        {
            File = _source,
            Line = node is null ? 1 : (int)node.Start.Line,
            Column = node is null ? 1 : (int)node.Start.Column,
            Key = key,
            Message = message,
        });

        /// <summary>The entries of a mapping, reporting unknown and repeated keys.</summary>
        public IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode node, string path, IReadOnlyList<string> allowed)
        {
            if (node is not YamlMappingNode mapping)
            {
                Fail(node, path, $"must be a mapping with keys {string.Join(", ", allowed)}");
                yield break;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (k, v) in mapping.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                var full = path.Length == 0 ? key : path + "." + key;
                if (!allowed.Contains(key))
                {
                    Fail(k, full, $"unknown key; allowed here: {string.Join(", ", allowed)}");
                    continue;
                }
                if (!seen.Add(key))
                {
                    Fail(k, full, "appears twice");
                    continue;
                }
                yield return (key, v);
            }
        }

        public string? String(YamlNode node, string key)
        {
            if (node is YamlScalarNode { Value: { } s }) return s.Trim();
            Fail(node, key, "must be a text value");
            return null;
        }

        public List<(string Text, YamlNode Node)>? StringList(YamlNode node, string key)
        {
            if (node is not YamlSequenceNode sequence)
            {
                Fail(node, key, "must be a list, e.g. [\"a\", \"b\"]");
                return null;
            }
            var list = new List<(string, YamlNode)>();
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                if (sequence.Children[i] is YamlScalarNode { Value: { } s }) list.Add((s.Trim(), sequence.Children[i]));
                else Fail(sequence.Children[i], $"{key}[{i}]", "must be a text value");
            }
            return list;
        }

        public double? Number(YamlNode node, string key, double min, double max)
        {
            if (node is not YamlScalarNode { Value: { } s } || !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                Fail(node, key, FormattableString.Invariant($"must be a number from {min} to {max}"));
                return null;
            }
            if (value < min || value > max)
            {
                Fail(node, key, FormattableString.Invariant($"{value} is out of range; allowed {min} to {max}"));
                return null;
            }
            return value;
        }

        public int? Integer(YamlNode node, string key, int min, int max)
        {
            if (node is not YamlScalarNode { Value: { } s } || !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                Fail(node, key, $"must be a whole number from {min} to {max}");
                return null;
            }
            if (value < min || value > max)
            {
                Fail(node, key, $"{value} is out of range; allowed {min} to {max}");
                return null;
            }
            return value;
        }
    }
}
