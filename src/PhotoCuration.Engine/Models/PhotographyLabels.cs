namespace PhotoCuration.Engine.Models;

/// <summary>
/// The 50 zero-shot labels [heuristic: our choice of photography subjects]: 45 scenes, each mapped to a
/// coarse <c>scene_type</c> value for selection coverage (docs/algorithms.md#selection), and 5 people counts for the
/// <c>people_count</c> axis. Prompts follow OpenCLIP's zero-shot recipe: several templates per label,
/// each embedding normalized, averaged, normalized again (docs/algorithms.md#clip-features).
/// </summary>
public static class PhotographyLabels
{
    public sealed record Label(string Text, string? SceneType, string? PeopleCount);

    public static readonly IReadOnlyList<Label> All = new Label[]
    {
        new("a portrait of a person", "portrait", null),
        new("a close-up of a face", "portrait", null),
        new("a group portrait", "people", null),
        new("a wedding", "event", null),
        new("a party", "event", null),
        new("a concert", "event", null),
        new("people playing sports", "event", null),
        new("children playing", "people", null),
        new("a street scene", "urban", null),
        new("a city skyline", "urban", null),
        new("architecture", "urban", null),
        new("a city at night", "urban", null),
        new("a market", "urban", null),
        new("a room interior", "interior", null),
        new("a cafe or restaurant", "interior", null),
        new("a landscape", "landscape", null),
        new("mountains", "landscape", null),
        new("a beach", "landscape", null),
        new("the sea", "landscape", null),
        new("a lake or river", "landscape", null),
        new("a forest", "landscape", null),
        new("a desert", "landscape", null),
        new("a snowy scene", "landscape", null),
        new("a sunset", "landscape", null),
        new("the night sky", "landscape", null),
        new("an aerial view", "landscape", null),
        new("a garden", "nature", null),
        new("flowers", "nature", null),
        new("a close-up of a plant", "nature", null),
        new("autumn leaves", "nature", null),
        new("a dog", "animal", null),
        new("a cat", "animal", null),
        new("a bird", "animal", null),
        new("wildlife", "animal", null),
        new("food on a plate", "food", null),
        new("a drink", "food", null),
        new("a still life", "object", null),
        new("a product shot", "object", null),
        new("a car", "object", null),
        new("a boat", "object", null),
        new("a bicycle", "object", null),
        new("a document or text", "object", null),
        new("an abstract pattern", "abstract", null),
        new("a texture", "abstract", null),
        new("fireworks", "event", null),
        new("no people", null, "none"),
        new("one person", null, "one"),
        new("two people", null, "two"),
        new("a small group of people", null, "group"),
        new("a crowd of people", null, "crowd"),
    };

    /// <summary>Templates from openai/CLIP's ImageNet prompt set (Prompt_Engineering_for_ImageNet.ipynb).</summary>
    public static readonly IReadOnlyList<string> Templates = new[] { "a photo of {0}.", "a good photo of {0}.", "a photo of {0}, taken by a photographer." };

    /// <summary>Mood prompts of a theme: the theme's words in a photo template.</summary>
    public static readonly IReadOnlyList<string> MoodTemplates = new[] { "a photo with a {0} mood.", "a {0} photo." };
}
