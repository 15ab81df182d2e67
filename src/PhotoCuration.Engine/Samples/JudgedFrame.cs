namespace PhotoCuration.Engine.Samples;

/// <summary>
/// Ground truth of one frame of a degraded known-moment shoot: which moment it belongs to, whether a
/// photographer would accept it or reject it, and exactly what was done to it.
/// </summary>
public sealed class JudgedFrame
{
    /// <summary>File name inside the shoot folder (names say nothing about the frame's quality).</summary>
    public string File { get; set; } = "";

    /// <summary>The true moment: one per source photograph.</summary>
    public string Moment { get; set; } = "";

    /// <summary>The source photograph's path.</summary>
    public string Source { get; set; } = "";

    /// <summary>"scene" for a degraded burst, or the intent of a must-not-drop photo (low-key, night, mist, silhouette, high-key).</summary>
    public string Kind { get; set; } = "scene";

    /// <summary>"acceptable" or "bad".</summary>
    public string Role { get; set; } = "";

    /// <summary>What was done: original, shift, exposure, reencode, resized, gaussian_blur, motion_blur, underexposed, overexposed, noise, dark_motion_blur.</summary>
    public string Variant { get; set; } = "";

    /// <summary>The variant's parameters (px values in pixels of the written frame; ev in stops; k of the noise model).</summary>
    public SortedDictionary<string, double> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>For a resized copy: the file it must rank below (its own original at full size).</summary>
    public string? RanksBelow { get; set; }

    /// <summary>EXIF capture time written into the frame (camera local time).</summary>
    public DateTime CaptureTime { get; set; }
}
