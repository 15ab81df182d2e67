using System.Globalization;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// What counts as the photographer's pick (docs/algorithms.md#taste): with a threshold, a rating at or
/// above it or a pick flag; without one, the pick flags when the shoot has any, else the shoot's top
/// rated tier (its highest star rating, at least 1). A rejected photo is never a pick.
/// </summary>
public sealed class PickRule
{
    private readonly Func<PhotoDecision, bool> _isPick;

    private PickRule(string description, Func<PhotoDecision, bool> isPick)
    {
        Description = description;
        _isPick = isPick;
    }

    public string Description { get; }

    public bool IsPick(PhotoDecision d) => !d.IsRejected && _isPick(d);

    public static PickRule For(IReadOnlyCollection<PhotoDecision> decisions, int? pickRating)
    {
        if (pickRating is { } threshold)
            return new PickRule(string.Create(CultureInfo.InvariantCulture, $"rating >= {threshold} or pick flag"), d => d.Rating >= threshold || d.Pick == true);
        if (decisions.Any(d => d.Pick == true)) return new PickRule("pick flag", d => d.Pick == true);
        var top = decisions.Select(d => d.Rating ?? 0).DefaultIfEmpty(0).Max();
        return top >= 1
            ? new PickRule(string.Create(CultureInfo.InvariantCulture, $"top rated tier (rating >= {top})"), d => d.Rating >= top)
            : new PickRule("no ratings or pick flags: nothing is a pick", _ => false);
    }
}
