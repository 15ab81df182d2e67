namespace PhotoCuration.Engine.Moments;

/// <summary>The measurements of one compared pair and the verdict, kept so a user can see why two frames were or were not grouped.</summary>
public sealed record PairEvidence(int A, int B, int PHashDistance, int DHashDistance, double ColorDistance, double? SecondsApart, double? Cosine, bool Same, string Rule)
{
    /// <summary>Mean of the two hash distances: the visual distance thresholds apply to.</summary>
    public double HashDistance => (PHashDistance + DHashDistance) / 2.0;
}
