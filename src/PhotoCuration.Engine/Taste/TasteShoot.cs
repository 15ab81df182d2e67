namespace PhotoCuration.Engine.Taste;

/// <summary>How a photographer treated a photo: picked, rejected, rated but not picked, or left unrated (a weak negative).</summary>
public enum TasteLabel
{
    Unrated,
    Rated,
    Pick,
    Reject,
}

/// <summary>A measured photo of a culled shoot: its features (so any theme can re-score it) and the photographer's label.</summary>
public sealed record TastePhoto(string PhotoId, string FileName, string MomentId, PhotoFeatures Features, TasteLabel Label);

/// <summary>One culled shoot: its measured photos grouped in moments.</summary>
public sealed record TasteShoot(string Name, IReadOnlyList<TastePhoto> Photos);
