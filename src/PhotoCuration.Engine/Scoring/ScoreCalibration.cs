namespace PhotoCuration.Engine.Scoring;

/// <summary>
/// Every constant that turns a raw feature into a [0,1] score, in one place [heuristic: calibrated on
/// the sample shoot and on photographs from Debian's mate-backgrounds, with controlled degradations —
/// blur, ±2 EV, heavy noise, 5° tilt, cut subject — that the unit tests re-check].
/// Features are measured on the 1024-px standardized image; thresholds do not transfer to other sizes.
/// </summary>
public static class ScoreCalibration
{
    // Sharpness: log1p(1000 · Tenengrad / contrast²) of the subject. Sharp photographs read 4.4–7.2
    // (sample scenes 4.4–5), the same photos with a blur of 0.3–0.6% of the long edge 2.2–3.6; the
    // logistic is centred between them and steep enough that a blurred frame alone fails the gate
    // (3.0 → 0.06, whose square root 0.25 is below 0.30) while sharp frames stay at 0.88 or more.
    public const double SharpnessMidpoint = 3.8;
    public const double SharpnessScale = 0.3;

    // Underexposure: the brightest tones (p95) should reach ~0.7 and the median ~0.3 of full scale.
    // Well-exposed photographs read p95 0.62–0.97; the same photos at −2 EV 0.27–0.52.
    public const double UnderP95 = 0.70, UnderP95Range = 0.35;
    public const double UnderP50 = 0.30, UnderP50Range = 0.25;

    // Overexposure: more than 2% of pixels blown to white, or no dark tones left at all (p5 above 0.7:
    // high-key subjects such as pale wood keep p5 near 0.6 and are not penalized).
    public const double OverClip = 0.02, OverClipRange = 0.20;
    public const double OverP5 = 0.70, OverP5Range = 0.20;
    // A median above 0.72 is bright for anything but high-key; clipping in one or two channels (a
    // saturated flower is fine, a third of the frame is not) counts at 60%.
    public const double OverP50 = 0.72, OverP50Range = 0.20;
    public const double OverChannelClip = 0.15, OverChannelClipRange = 0.35, ChannelClipWeight = 0.6;

    // Noise: wavelet σ in 8-bit levels at 1024 px; clean photographs read 0.25–0.7 (textured ones more),
    // the same with σ = 25 sensor noise at full size 4–11.
    public const double NoiseFloor = 2.0, NoiseRange = 6.0;

    // Q_tech is the weighted geometric mean of its parts: one failed part fails the photo.
    public const double QTechSharpnessWeight = 0.5, QTechExposureWeight = 0.3, QTechNoiseWeight = 0.2;
    // A part at 0 would make the mean −∞; 0.001 still lets one failed part alone fail the gate
    // (0.001^0.3 = 0.13 for exposure, 0.001^0.5 = 0.03 for sharpness).
    public const double ComponentFloor = 0.001;

    /// <summary>Below this p95 a frame is too dark for its sharpness to be named as a drop reason.</summary>
    public const double TooDarkToJudgeSharpness = 0.25;

    /// <summary>A Q_tech part under this is named as a drop reason.</summary>
    public const double ReasonThreshold = 0.35;

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
