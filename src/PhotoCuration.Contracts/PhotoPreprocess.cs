namespace PhotoCuration;

/// <summary>
/// What <c>Invoke-Preprocess</c> derived from one decode of the original: the ranking image (long edge
/// at most 2048, never upscaled) and the standardized image (long edge 1024) every feature is computed on.
/// </summary>
public sealed class PhotoPreprocess
{
    /// <summary>Path of the original file.</summary>
    public string OriginalPath { get; set; } = "";

    /// <summary>Path of the ranking JPEG (sent to judges, used for export previews).</summary>
    public string RankingPath { get; set; } = "";

    /// <summary>Path of the standardized JPEG features are computed on.</summary>
    public string StandardizedPath { get; set; } = "";

    /// <summary>Original size after EXIF orientation, in pixels.</summary>
    public int OriginalWidth { get; set; }

    /// <summary>Original height after EXIF orientation, in pixels.</summary>
    public int OriginalHeight { get; set; }

    /// <summary>
    /// Long edge, in pixels of the original, that holds detail: the original's long edge, less when the photo
    /// was enlarged from a smaller one (or is soft at full size). Measured on the ranking image, so detail
    /// above its 2048 px is not judged. 0: not measured (a record written before preprocess-3).
    /// </summary>
    public int EffectiveLongEdge { get; set; }

    /// <summary>Ranking image width.</summary>
    public int RankingWidth { get; set; }

    /// <summary>Ranking image height.</summary>
    public int RankingHeight { get; set; }

    /// <summary>Standardized image width.</summary>
    public int StandardizedWidth { get; set; }

    /// <summary>Standardized image height.</summary>
    public int StandardizedHeight { get; set; }

    /// <summary>How the images were made: decoder, orientation, colour conversion, resampler, quality.</summary>
    public string ProcessingMethod { get; set; } = "";

    /// <summary>True when the result came from the cache and nothing was decoded.</summary>
    public bool FromCache { get; set; }

    /// <summary>Landscape, Portrait or Square, after orientation.</summary>
    public string Orientation => OriginalWidth == OriginalHeight ? "Square" : OriginalWidth > OriginalHeight ? "Landscape" : "Portrait";
}
