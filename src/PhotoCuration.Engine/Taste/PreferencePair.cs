namespace PhotoCuration.Engine.Taste;

/// <summary>
/// One within-moment comparison the photographer made: the five scores (Q_tech, Aesthetic, Vibe, Typography,
/// Composition) of the photo they preferred and of the other, and how much the comparison counts
/// (an unrated frame is a weak negative).
/// </summary>
public sealed record PreferencePair(double[] Preferred, double[] Other, double Weight);
