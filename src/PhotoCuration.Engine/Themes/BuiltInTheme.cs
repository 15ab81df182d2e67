namespace PhotoCuration.Engine.Themes;

/// <summary>
/// The theme used when none is given: balanced weights, a neutral palette, the docs/architecture.md#themes
/// defaults. Kept as YAML and parsed by the same strict loader, so it is validated like any file.
/// </summary>
public static class BuiltInTheme
{
    public const string Name = "default";
    public const string Source = "built-in";

    public const string Yaml = """
        name: default
        description: Balanced curation for any shoot, no palette or mood preference
        palette: []
        mood: []
        weights: {q_tech: 0.30, aesthetic: 0.25, vibe: 0.20, typography: 0.10, composition: 0.15}
        gates: {q_tech_min: 0.30}
        moments: {time_gap_seconds: 20, phash_max_distance: 12, min_cosine: 0.90}
        selection:
          count: 24
          quality_weight: 0.7
          diversity_weight: 0.3
          role_quotas: {opener: 1, closer: 1}
          axis_emphasis: {time_of_day: 1.0, scene_type: 1.0, palette_cluster: 0.5, people_count: 0.5, orientation: 0.8}
        ranking: {judge: none, model: gpt-4o-mini, max_pairs_per_cluster: 6, finalists: 20, token_budget: 200000}
        """;
}
