using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// One action the review page posts: <c>lock</c> (pick), <c>exclude</c> (reject), <c>unlock</c> (un-lock
/// and un-exclude) or <c>rate</c> (0–5 stars; 0 gives the rating back to the module) on a photo named by
/// its id — never by a path —, <c>emphasis</c>, a nudge of one axis's emphasis, or <c>undo</c>, which
/// takes back the last decision of this server.
/// </summary>
public sealed class ReviewAction
{
    public static readonly IReadOnlyList<string> Actions = new[] { "lock", "exclude", "unlock", "rate", "emphasis", "undo" };

    /// <summary>Largest body accepted: an action is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    [JsonPropertyName("action")] public string Action { get; set; } = "";
    [JsonPropertyName("photo_id")] public string? PhotoId { get; set; }
    [JsonPropertyName("axis")] public string? Axis { get; set; }
    [JsonPropertyName("delta")] public double? Delta { get; set; }
    [JsonPropertyName("stars")] public int? Stars { get; set; }

    /// <summary>Highest star rating (XMP's scale); 0 clears the user's rating.</summary>
    public const int MaxStars = 5;

    /// <summary>Parses and checks the shape; throws <see cref="ArgumentException"/> with a message fit for the page.</summary>
    public static ReviewAction Parse(string json)
    {
        ReviewAction? action;
        try
        {
            action = JsonSerializer.Deserialize<ReviewAction>(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The action is not JSON: {ex.Message}", ex);
        }
        if (action is null || !Actions.Contains(action.Action)) throw new ArgumentException($"Unknown action; actions: {string.Join(", ", Actions)}.");
        if (action.Action == "emphasis")
        {
            if (string.IsNullOrEmpty(action.Axis) || action.Delta is not { } d || double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > BatchOverrides.MaxEmphasis)
            {
                throw new ArgumentException("An emphasis nudge needs an axis and a finite delta.");
            }
        }
        else if (action.Action == "undo")
        {
            return action;
        }
        else if (string.IsNullOrEmpty(action.PhotoId))
        {
            throw new ArgumentException($"'{action.Action}' needs a photo_id.");
        }
        if (action.Action == "rate" && action.Stars is not (>= 0 and <= MaxStars))
        {
            throw new ArgumentException($"A rating is 0 (the module's own) to {MaxStars} stars.");
        }
        return action;
    }
}
