namespace PhotoCuration.Engine.Selection;

/// <summary>
/// How well a photo fits each page role [heuristic, documented here]. An opener wants room for a
/// headline (Typography), strong composition, a landscape frame and appeal; a closer wants a calm,
/// well-composed frame, ideally in late light (golden, dusk, night); a body photo fits anywhere (a
/// neutral 0.5). Probabilities are a softmax over the three fits with temperature 0.15, so a clearly
/// better fit reads as a clear probability.
/// </summary>
public static class RoleFit
{
    public const string Opener = Core.Roles.Opener, Body = Core.Roles.Body, Closer = Core.Roles.Closer;
    public static readonly string[] Roles = Core.Roles.All.ToArray();
    public const double BodyFit = 0.5;
    public const double Temperature = 0.15;

    public static double Fit(Photo photo, string role)
    {
        var s = photo.Score;
        var f = photo.Features!;
        if (s is null) return role == Body ? BodyFit : 0;
        var orientation = f.Orientation.ToLowerInvariant();
        return role switch
        {
            Opener => 0.35 * s.Typography + 0.30 * s.Composition + 0.15 * s.Aesthetic + 0.20 * (orientation == "landscape" ? 1 : orientation == "square" ? 0.5 : 0),
            Closer => 0.30 * s.Composition + 0.30 * s.Aesthetic + 0.25 * LateLight(f.TimeOfDay) + 0.15 * (orientation == "landscape" ? 1 : 0.5),
            _ => BodyFit,
        };
    }

    public static double Probability(Photo photo, string role)
    {
        var exps = Roles.Select(r => Math.Exp(Fit(photo, r) / Temperature)).ToArray();
        return exps[Array.IndexOf(Roles, role)] / exps.Sum();
    }

    private static double LateLight(string timeOfDay) => timeOfDay switch
    {
        "golden" or "dusk" or "night" => 1,
        "afternoon" => 0.5,
        _ => 0.2,
    };
}
