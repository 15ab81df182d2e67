namespace PhotoCuration;

/// <summary>
/// Features of one photo, computed on its standardized image by <c>Get-PhotoFeatures</c>. Flat so any
/// value can be filtered on (<c>Where-Object { $_.Features.SubjectSharpness -gt 4 }</c>). Model-based
/// values are null when their model is absent: never invented.
/// </summary>
public sealed class PhotoFeatures
{
    /// <summary>Feature extractor version that produced these values.</summary>
    public string Version { get; set; } = "";

    /// <summary>True when read from the cache.</summary>
    public bool FromCache { get; set; }

    // Sharpness (docs/algorithms.md#sharpness): log1p of Tenengrad on luma in [0,1].

    /// <summary>Whole-image sharpness: log1p(mean Tenengrad).</summary>
    public double Sharpness { get; set; }

    /// <summary>Sharpness of the subject: top-decile tiles (and saliency-weighted), so shallow depth of field is not blur.</summary>
    public double SubjectSharpness { get; set; }

    /// <summary>log1p of the variance of the Laplacian (whole image).</summary>
    public double LaplacianVariance { get; set; }

    /// <summary>
    /// Fine detail of the subject in octaves (0 = smooth as a blur; sharp photos 2–6): how much gradient
    /// energy the finest octaves hold above what a blurred image of the same coarse structure would. A
    /// ratio, so exposure, contrast and mist do not move it; it does not saturate.
    /// </summary>
    public double Detail { get; set; }

    /// <summary>The same detail over the whole frame.</summary>
    public double FrameDetail { get; set; }

    /// <summary>Subject detail in octaves along 0°, 22.5°, … 157.5° (counter-clockwise from horizontal): a motion blur empties one direction.</summary>
    public double[] DetailByDirection { get; set; } = Array.Empty<double>();

    /// <summary>Direction-dependent loss of detail (motion blur, camera shake) in [0,1]: 0 none, 1 certain.</summary>
    public double MotionBlur { get; set; }

    /// <summary>Direction of the smear, degrees counter-clockwise from horizontal, in [0,180).</summary>
    public double MotionBlurAngle { get; set; }

    /// <summary>RMS local contrast at fine scale (luma per pixel of the standardized image, noise removed): mist lowers global contrast, not this.</summary>
    public double LocalContrast { get; set; }

    /// <summary>Effective resolution in megapixels: the original's pixels, less when the photo was upscaled from a smaller one.</summary>
    public double Megapixels { get; set; }

    /// <summary>The original's long edge in pixels (after orientation).</summary>
    public int LongEdge { get; set; }

    /// <summary>The long edge that holds detail, in pixels of the original (less than <see cref="LongEdge"/> for an enlargement); 0 when not measured.</summary>
    public int EffectiveLongEdge { get; set; }

    // Exposure (docs/algorithms.md#exposure-and-contrast), luma in [0,1].

    /// <summary>Mean luma.</summary>
    public double LumaMean { get; set; }
    /// <summary>1st percentile of luma.</summary>
    public double LumaP1 { get; set; }
    /// <summary>5th percentile of luma.</summary>
    public double LumaP5 { get; set; }
    /// <summary>Median luma.</summary>
    public double LumaP50 { get; set; }
    /// <summary>95th percentile of luma.</summary>
    public double LumaP95 { get; set; }
    /// <summary>99th percentile of luma.</summary>
    public double LumaP99 { get; set; }
    /// <summary>Share of pixels blown to white (all channels at 250 or more).</summary>
    public double HighlightClip { get; set; }
    /// <summary>Share of pixels with any channel at 250 or more (docs/algorithms.md#exposure-and-contrast's clip measure: saturated colours count).</summary>
    public double ChannelClip { get; set; }
    /// <summary>Share of pixels with luma at 5/255 or less (blocked shadows).</summary>
    public double ShadowClip { get; set; }
    /// <summary>p99 − p1 of luma (skimage is_low_contrast ratio).</summary>
    public double Contrast { get; set; }

    /// <summary>Wavelet MAD noise sigma on 0–255 luma (docs/algorithms.md#noise).</summary>
    public double NoiseSigma { get; set; }

    /// <summary>64-bit perceptual hash, 16 hex digits.</summary>
    public string PHash { get; set; } = "";
    /// <summary>
    /// Mean luma of each cell of an 8×8 grid, row-major: the frame's layout of light, which an exposure
    /// change reorders little, so frames of one bracket or burst are still recognised (docs/algorithms.md#exposure-brackets).
    /// </summary>
    public double[] LumaGrid { get; set; } = Array.Empty<double>();
    /// <summary>64-bit difference hash, 16 hex digits.</summary>
    public string DHash { get; set; } = "";

    /// <summary>Hasler–Süsstrunk M3 colourfulness (0 grey … 109 extremely colourful).</summary>
    public double Colorfulness { get; set; }
    /// <summary>Warmth: mean Lab b* scaled to about −1 (cool) … +1 (warm).</summary>
    public double Warmth { get; set; }
    /// <summary>Mean HSV saturation in [0,1].</summary>
    public double Saturation { get; set; }
    /// <summary>Dominant colours as #RRGGBB, largest share first.</summary>
    public string[] Palette { get; set; } = Array.Empty<string>();
    /// <summary>Share of each palette colour.</summary>
    public double[] PaletteShares { get; set; } = Array.Empty<double>();

    /// <summary>Spectral-residual saliency map (PNG) under data/sal.</summary>
    public string? SaliencyPath { get; set; }
    /// <summary>Saliency-weighted centroid, x in [0,1].</summary>
    public double SubjectX { get; set; }
    /// <summary>Saliency-weighted centroid, y in [0,1].</summary>
    public double SubjectY { get; set; }

    /// <summary>Rule-of-thirds score in [0,1] (Yeh et al. single-centroid variant).</summary>
    public double RuleOfThirds { get; set; }
    /// <summary>Horizon tilt in degrees (positive = counter-clockwise).</summary>
    public double HorizonTilt { get; set; }
    /// <summary>How sure the tilt estimate is, in [0,1].</summary>
    public double HorizonConfidence { get; set; }
    /// <summary>Share of saliency touching the frame edges: a cut subject.</summary>
    public double EdgeCut { get; set; }
    /// <summary>Visual balance in [0,1]: 1 = saliency centred or balanced left/right.</summary>
    public double Balance { get; set; }

    /// <summary>Copy-space score in [0,1]: room for a headline.</summary>
    public double CopySpace { get; set; }
    /// <summary>Largest quiet rectangle as [x, y, width, height], normalized.</summary>
    public double[] CopySpaceRect { get; set; } = Array.Empty<double>();
    /// <summary>Best text colour over the copy space: black or white.</summary>
    public string? TextColor { get; set; }
    /// <summary>WCAG 2.x contrast ratio of that text colour over the copy space.</summary>
    public double TextContrast { get; set; }

    /// <summary>dawn, morning, midday, afternoon, golden, dusk or night.</summary>
    public string TimeOfDay { get; set; } = "";
    /// <summary>Where the time of day came from: exif or pixels.</summary>
    public string TimeOfDaySource { get; set; } = "";
    /// <summary>landscape, portrait or square.</summary>
    public string Orientation { get; set; } = "";

    /// <summary>CLIP-IQA quality in [0,1]; null without a CLIP model.</summary>
    public double? ClipIqa { get; set; }
    /// <summary>BRISQUE score (0 best … 100); null without its model files.</summary>
    public double? Brisque { get; set; }
    /// <summary>Aesthetic head score (about 0–10); null without the model.</summary>
    public double? AestheticModel { get; set; }
    /// <summary>Zero-shot CLIP labels; null without a CLIP model.</summary>
    public ClipLabel[]? ClipLabels { get; set; }
    /// <summary>L2-normalized CLIP image embedding (.npy float32 under data/emb, with a .json sidecar); null without a CLIP model.</summary>
    public string? EmbeddingPath { get; set; }
    /// <summary>Name of the CLIP model that made the embedding; only embeddings of one model are comparable.</summary>
    public string? EmbeddingModel { get; set; }
    /// <summary>Coarse scene (portrait, people, landscape, urban, interior, nature, animal, food, object, event, abstract) from the CLIP labels; null without a CLIP text encoder.</summary>
    public string? SceneType { get; set; }
    /// <summary>none, one, two, group or crowd, from the CLIP labels; null without a CLIP text encoder.</summary>
    public string? PeopleCount { get; set; }
    /// <summary>Mean cosine of the image embedding and the theme's mood prompts; null without CLIP or without mood in the theme.</summary>
    public double? MoodSimilarity { get; set; }
}

/// <summary>One zero-shot label with its confidence and cosine score.</summary>
public sealed class ClipLabel
{
    /// <summary>Label text.</summary>
    public string Label { get; set; } = "";
    /// <summary>Softmax confidence over the label set.</summary>
    public double Confidence { get; set; }
    /// <summary>Cosine similarity of image and label embeddings.</summary>
    public double CosineScore { get; set; }
}
