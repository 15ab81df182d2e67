namespace PhotoCuration.Engine.Scoring;

/// <summary>
/// Every constant that turns a raw feature into a [0,1] score, in one place [heuristic: calibrated on
/// the sample shoot and on photographs from Debian's mate-backgrounds, with controlled degradations —
/// blur, ±2 EV, heavy noise, 5° tilt, cut subject — that the unit tests re-check].
/// Features are measured on the 1024-px standardized image; thresholds do not transfer to other sizes.
/// </summary>
public static class ScoreCalibration
{
    // Constants below: docs/algorithms.md#scoring-constants (calibration table there).

    // Sharpness from the subject's detail in octaves (Features: Detail). Sharp photographs read 2.3–6.3,
    // the same with a Gaussian blur of 0.3% of the long edge 1.0–2.2, of 0.5% 0.5–1.2. The logistic has
    // headroom: 2.3 → 0.66, 3 → 0.88, 4 → 0.97, so detail above a sharp frame still counts.
    public const double DetailMidpoint = 2.0;
    public const double DetailScale = 0.5;
    /// <summary>Detail under this flags the frame as blurred; under <see cref="BlurDropDetail"/> it is hopeless.</summary>
    public const double BlurFlagDetail = 1.8;
    public const double BlurDropDetail = 0.7;
    /// <summary>Motion blur strength (Features: MotionBlur) from which a blur is named motion blur with its angle.</summary>
    public const double MotionNamed = 0.3;

    // Underexposure by intent: a low-key or night photo keeps its brightest tones (lights, sky, a lit
    // face) high even when the median is low; a photo shot 2–4 EV under has no bright tones at all.
    // Well-exposed photographs read p99 0.8–1.0, the same at −2.3 EV ≈ 0.45, at −3 EV 0.31–0.35.
    public const double UnderP99 = 0.30, UnderP99Range = 0.35;
    public const double UnderP95 = 0.10, UnderP95Range = 0.20;
    /// <summary>p99 under this: a black frame, hopeless.</summary>
    public const double BlackP99 = 0.15;

    // Overexposure: more than 3% of pixels blown to white, no dark tones left at all (p5 above 0.75:
    // pale high-key subjects such as light wood keep p5 at 0.6–0.75), or a median above 0.8 (mist and high-key sit at 0.75–0.85).
    public const double OverClip = 0.03, OverClipRange = 0.25;
    public const double OverP5 = 0.75, OverP5Range = 0.20;
    public const double OverP50 = 0.80, OverP50Range = 0.15;
    public const double OverChannelClip = 0.15, OverChannelClipRange = 0.35, ChannelClipWeight = 0.6;
    /// <summary>
    /// Hopelessly blown: 85% of the frame white, or even its darkest 5% near white, or a median at 0.93 or
    /// more with the dark tones washed out (p5 ≥ 0.25) and either 10% blown or p5 ≥ 0.5. The degraded
    /// +2.3…+4.5 EV frames of the calibration shoot read median 0.93–1.0; real high-key photos 0.75–0.85,
    /// and a subject on a white backdrop keeps p5 low.
    /// </summary>
    public const double BlownClip = 0.85, BlownP5 = 0.95, WashedMedian = 0.93, WashedP5 = 0.25, WashedClip = 0.10, WashedDarkP5 = 0.5;
    /// <summary>An exposure part under this flags the frame.</summary>
    public const double ExposureFlag = 0.6;

    // Noise: wavelet σ in 8-bit levels at 1024 px; clean photographs read 0.2–0.7 (textured ones more),
    // the same with signal-dependent noise σ = 0.10–0.14·√v at full size 4–11.
    public const double NoiseFloor = 1.0, NoiseRange = 4.0;
    public const double NoiseFlag = 0.6;

    // Scene grain (docs/algorithms.md#scene-grain-inside-a-moment): the wavelet σ reads texture and film-like
    // grain as noise, and every frame of a burst shares its scene's. Inside a moment a frame whose σ is within
    // GrainRatio× the moment's typical σ carries the scene's grain, not a flaw: its noise part is not lowered.
    // Calibration: acceptable frames (re-encoded, shifted, ±0.3 EV, 0.5–0.75× copies) read 0.92–1.26× their
    // moment's σ; frames with added noise (k = 0.10–0.14) 8.9–29×. Above GrainMax levels a frame is noisy
    // however its siblings read (the top of the calibrated noise frames, 4.3–10.6; textured real photos ≤ 5.2).
    public const double GrainRatio = 1.3;
    public const double GrainMax = 12.0;

    /// <summary>Whether noise σ <paramref name="sigma"/> is the grain of a scene whose frames typically read <paramref name="sceneSigma"/>.</summary>
    public static bool IsSceneGrain(double sigma, double? sceneSigma) =>
        sceneSigma is { } g && sigma <= GrainRatio * g && sigma <= GrainMax;

    // Resolution: MP / (MP + 1): 0.09 MP → 0.08, 0.4 MP → 0.29, 1.6 MP → 0.62, 12 MP → 0.92, 24 MP → 0.96.
    // Weighted 0.2 in Q_tech: a 0.5× copy of a 1.6 MP frame loses ~14% of Q_tech, more than it can gain
    // from reading a little sharper at its native scale.
    public const double ResolutionHalf = 1.0;
    public const double LowResolutionMegapixels = 0.3;

    /// <summary>
    /// The resolution score counts the effective long edge (docs/algorithms.md#effective-resolution) down to
    /// this share of the pixel long edge: a scene without fine detail (clouds, mist, a soft macro) reads like an
    /// enlargement, so below half the measure is not trusted to tell them apart [heuristic].
    /// </summary>
    public const double MinResolvedShare = 0.5;

    /// <summary>Under this share of the long edge the resolution part names the frame as enlarged or soft at full size.</summary>
    public const double EnlargedShare = 0.8;

    // Q_tech is the weighted geometric mean of its parts: one failed part fails the photo.
    public const double QTechSharpnessWeight = 0.4, QTechExposureWeight = 0.25, QTechNoiseWeight = 0.15, QTechResolutionWeight = 0.2;
    // A part at 0 would make the mean −∞.
    public const double ComponentFloor = 0.001;

    /// <summary>A flagged or dropped frame's Total is multiplied by this: doubted frames rank below kept ones of the same look.</summary>
    public const double FlagPenalty = 0.85;

    // Aesthetic (model-free): colourfulness M3 of 80 = "highly colourful"; contrast p99−p1 of 0.8.
    public const double ColorfulnessFull = 80;
    public const double ContrastFull = 0.8;
    public const double IsolationFull = 1.5;     // subject sharper than the frame by this (log units)

    // Vibe: CIE76 ΔE at which a colour is ~37% "in palette".
    public const double PaletteDeltaE = 30;

    // Composition.
    public const double TiltTolerance = 0.5, TiltRange = 5.0;   // degrees; docs/algorithms.md#horizon-tilt flags 0.5°–10°
    public const double TiltMinConfidence = 0.05;   // photos without a horizon read 0.00–0.04
    // Share of the subject on the outer ring; a ring of 3 of 64 cells is 18% of the frame.
    public const double EdgeCutStart = 0.10, EdgeCutRange = 0.40;

    // Typography: WCAG 2.x AAA contrast for normal text.
    public const double TextContrastFull = 7;

    public static double Logistic(double x, double midpoint, double scale) => 1 / (1 + Math.Exp(-(x - midpoint) / scale));

    public static double Ramp(double value, double start, double range) => Math.Clamp((value - start) / range, 0, 1);
}
