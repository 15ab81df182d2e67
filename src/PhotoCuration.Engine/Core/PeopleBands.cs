namespace PhotoCuration.Engine.Core;

/// <summary>
/// The people_count axis value from the faces a face model found (docs/algorithms.md#people-count-from-faces): the bands
/// 0, 1, 2, 3–5 and 6+ named as the CLIP labels name them (none, one, two, group, crowd), so a shoot
/// reads the same with either source. CLIP's label wins when it has one.
/// </summary>
public static class PeopleBands
{
    /// <summary>The band of <paramref name="faces"/> faces.</summary>
    public static string Of(int faces) => faces switch
    {
        <= 0 => "none",
        1 => "one",
        2 => "two",
        <= 5 => "group",
        _ => "crowd",
    };

    /// <summary>The photo's band from its faces; null when no face model looked (the count is unknown).</summary>
    public static string? Of(Photo photo) => photo.FaceModel is null || photo.Faces is null ? null : Of(photo.Faces.Length);
}
