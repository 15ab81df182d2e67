using System.Globalization;
using PhotoCuration.Engine.Features;
using static PhotoCuration.Engine.Scoring.ScoreCalibration;

namespace PhotoCuration.Engine.Scoring;

/// <summary>
/// The five scores and Total_prelim of one photo under a theme (docs/algorithms.md#scoring), each in [0,1], with
/// the technical gate and every component recorded so each number explains itself.
/// Q_tech: subject sharpness, exposure, noise (weighted geometric mean; CLIP-IQA and BRISQUE blend in
/// when present). Aesthetic: colourfulness, contrast, subject isolation, tonal balance (or the
/// aesthetic model). Vibe: theme palette fit (neutral 0.5 without a palette),
/// blended with the CLIP similarity to the theme's mood prompts when present. Typography: copy space
/// and text contrast. Composition: thirds, level horizon, uncut subject, balance.
/// </summary>
public static class Scorecard
{
    public const string Kept = "kept", Flagged = "flagged", Dropped = "dropped";

    /// <param name="photo">File name for the scorecard's header line; optional.</param>
    /// <param name="sceneNoise">
    /// The typical noise σ of the photo's moment (Group-PhotoMoment knows it, Measure-PhotoScore does not):
    /// noise within <see cref="ScoreCalibration.GrainRatio"/>× it is the scene's grain and not judged as a
    /// flaw (docs/algorithms.md#scene-grain-inside-a-moment). Null: the photo is judged alone.
    /// </param>
    public static PhotoScore Score(PhotoFeatures f, PhotoTheme theme, bool isLocked, string photo = "", double? sceneNoise = null)
    {
        var components = new List<ScoreComponent>();
        var gate = new TechnicalGate();
        // Only where it changes the judgment: a σ under the noise floor reads clean anyway.
        var grain = f.NoiseSigma > NoiseFloor && IsSceneGrain(f.NoiseSigma, sceneNoise) ? sceneNoise : null;
        var qtech = QTech(f, components, gate, grain);
        var aesthetic = Aesthetic(f, components);
        var vibe = Vibe(f, theme, components);
        var typography = Typography(f, components);
        var composition = Composition(f, components);
        var w = theme.Weights;
        var total = (w.QTech * qtech + w.Aesthetic * aesthetic + w.Vibe * vibe + w.Typography * typography + w.Composition * composition) / w.Sum;
        if (qtech < theme.QTechMin && gate.Reasons.Count == 0)
        {
            // Every part is passable but together they are not: name the weakest.
            var weakest = components.Where(c => c.Score == "QTech").OrderBy(c => c.Value).First();
            gate.Flag(weakest.Name switch
            {
                "sharpness" => "blur",
                "noise" => "noise",
                "resolution" => "low_resolution",
                _ => f.LumaP50 < 0.45 ? "underexposed" : "overexposed",
            }, FormattableString.Invariant($"Q_tech {qtech:0.00} below the cutoff {theme.QTechMin:0.00}, weakest: {weakest.Name} {weakest.Value:0.00}"));
        }
        // A locked photo keeps the verdict (its reasons say it failed the gate) but is never dropped from the run.
        var verdict = gate.Hopeless ? Dropped : gate.Reasons.Count > 0 ? Flagged : Kept;
        if (verdict != Kept) total *= FlagPenalty;
        // Totals stay in [0, 1] as every reader of the scores expects (docs/curated-list.md).
        if (theme.Taste is { } taste) total = Math.Clamp(total + Taste(f, taste, components), 0, 1);
        return new PhotoScore
        {
            ScorecardVersion = StageCatalog.Scoring.Version,
            Theme = theme.Name,
            Photo = photo,
            QTech = R(qtech),
            Aesthetic = R(aesthetic),
            Vibe = R(vibe),
            Typography = R(typography),
            Composition = R(composition),
            Total = R(total),
            Verdict = verdict,
            ScoredVerdict = verdict,
            ScoredTotal = R(total),
            Cutoff = theme.QTechMin,
            FlagReasons = gate.Details.ToArray(),
            IsDropped = verdict == Dropped && !isLocked,
            DropReasons = gate.Reasons.ToArray(),
            Components = components.ToArray(),
            SceneNoise = grain,
        };
    }

    /// <summary>What the gate doubts: short reason tokens, the same with numbers, and whether the frame is hopeless.</summary>
    private sealed class TechnicalGate
    {
        public List<string> Reasons { get; } = new();
        public List<string> Details { get; } = new();
        public bool Hopeless { get; private set; }

        public void Flag(string reason, string detail, bool hopeless = false)
        {
            if (!Reasons.Contains(reason)) Reasons.Add(reason);
            Details.Add(reason.Replace('_', ' ') + ": " + detail);
            Hopeless |= hopeless;
        }
    }

    /// <summary>Sharpness of the subject from its detail in octaves (docs/algorithms.md#scoring-constants).</summary>
    public static double SharpnessOf(double detail) => Logistic(detail, DetailMidpoint, DetailScale);

    /// <summary>Resolution score: MP / (MP + half a megapixel), rising without a ceiling so the larger of two equal frames wins.</summary>
    public static double ResolutionOf(double megapixels) => megapixels <= 0 ? 0 : megapixels / (megapixels + ResolutionHalf);

    /// <summary>
    /// The original's pixel count and the count the resolution score uses: the effective one
    /// (<see cref="PhotoFeatures.Megapixels"/>), not below <see cref="ScoreCalibration.MinResolvedShare"/>² of the
    /// pixels (docs/algorithms.md#effective-resolution).
    /// </summary>
    public static (double Pixel, double Resolved) ResolvedMegapixels(PhotoFeatures f)
    {
        if (f.EffectiveLongEdge <= 0 || f.LongEdge <= 0 || f.EffectiveLongEdge >= f.LongEdge) return (f.Megapixels, f.Megapixels);
        var share = (double)f.EffectiveLongEdge / f.LongEdge;
        var pixel = f.Megapixels / (share * share);
        return (pixel, Math.Max(f.Megapixels, pixel * MinResolvedShare * MinResolvedShare));
    }

    /// <summary>Whether the frame's detail ends well short of its long edge (<see cref="ScoreCalibration.EnlargedShare"/>).</summary>
    public static bool IsEnlarged(PhotoFeatures f) => f.EffectiveLongEdge > 0 && f.LongEdge > 0 && f.EffectiveLongEdge < EnlargedShare * f.LongEdge;

    /// <param name="grain">The moment's typical σ when this frame's noise is the scene's grain (its noise part is then 1).</param>
    private static double QTech(PhotoFeatures f, List<ScoreComponent> c, TechnicalGate gate, double? grain)
    {
        var sharpness = SharpnessOf(f.Detail);
        var under = Math.Max(1 - Ramp(f.LumaP99, UnderP99, UnderP99Range), 1 - Ramp(f.LumaP95, UnderP95, UnderP95Range));
        var over = new[]
        {
            Ramp(f.HighlightClip, OverClip, OverClipRange),
            Ramp(f.LumaP5, OverP5, OverP5Range),
            Ramp(f.LumaP50, OverP50, OverP50Range),
            ChannelClipWeight * Ramp(f.ChannelClip, OverChannelClip, OverChannelClipRange),
        }.Max();
        var exposure = 1 - Math.Max(under, over);
        var noise = grain is null ? 1 - Ramp(f.NoiseSigma, NoiseFloor, NoiseRange) : 1;
        var (pixelMp, resolvedMp) = ResolvedMegapixels(f);
        var resolution = ResolutionOf(resolvedMp);
        var motion = f.MotionBlur >= MotionNamed;
        Add(c, "QTech", "sharpness", sharpness, QTechSharpnessWeight,
            $"subject detail {F(f.Detail)} octaves, whole frame {F(f.FrameDetail)}{(motion ? $", motion blur {F(f.MotionBlur)} at {f.MotionBlurAngle:0}°" : "")}; Tenengrad {F(f.SubjectSharpness)}");
        Add(c, "QTech", "exposure", exposure, QTechExposureWeight, $"brightest tones p99 {F(f.LumaP99)}, p95 {F(f.LumaP95)}, median {F(f.LumaP50)}, blown highlights {P(f.HighlightClip)}, clipped channels {P(f.ChannelClip)}, crushed shadows {P(f.ShadowClip)}, local contrast {F(f.LocalContrast * 1000)}‰/px");
        Add(c, "QTech", "noise", noise, QTechNoiseWeight, grain is { } g
            ? $"wavelet sigma {F(f.NoiseSigma)} levels: the scene's own grain (its moment reads {F(g)}; noise counts above {F(GrainRatio)}× that)"
            : $"wavelet sigma {F(f.NoiseSigma)} levels");
        Add(c, "QTech", "resolution", resolution, QTechResolutionWeight, IsEnlarged(f)
            ? $"{F(resolvedMp)} of {F(pixelMp)} MP: detail up to {f.EffectiveLongEdge} px of the {f.LongEdge} px long edge (enlarged from a smaller picture, or soft at full size)"
            : resolvedMp < pixelMp ? $"{F(resolvedMp)} of {F(pixelMp)} MP (detail up to {f.EffectiveLongEdge} px of {f.LongEdge})" : $"{F(pixelMp)} MP");

        var q = Math.Exp(QTechSharpnessWeight * Math.Log(Math.Max(ComponentFloor, sharpness))
                         + QTechExposureWeight * Math.Log(Math.Max(ComponentFloor, exposure))
                         + QTechNoiseWeight * Math.Log(Math.Max(ComponentFloor, noise))
                         + QTechResolutionWeight * Math.Log(Math.Max(ComponentFloor, resolution)));

        // Hopeless: nothing to recover (black, blown to white, blur beyond any use).
        var black = f.LumaP99 < BlackP99;
        var blown = f.HighlightClip > BlownClip || f.LumaP5 > BlownP5
                    || (f.LumaP50 >= WashedMedian && f.LumaP5 >= WashedP5 && (f.HighlightClip >= WashedClip || f.LumaP5 >= WashedDarkP5));
        if (black) gate.Flag("underexposed", FormattableString.Invariant($"black frame, brightest tones p99 {f.LumaP99:0.00}"), hopeless: true);
        else if (under >= 1 - ExposureFlag) gate.Flag("underexposed", FormattableString.Invariant($"brightest tones p99 {f.LumaP99:0.00} (a low-key or night photo keeps them above {UnderP99 + UnderP99Range * ExposureFlag:0.00})"));
        if (blown) gate.Flag("overexposed", FormattableString.Invariant($"blown frame, {f.HighlightClip * 100:0}% white, p5 {f.LumaP5:0.00}"), hopeless: true);
        else if (over >= 1 - ExposureFlag) gate.Flag("overexposed", FormattableString.Invariant($"{f.HighlightClip * 100:0.#}% blown highlights, median {f.LumaP50:0.00}, p5 {f.LumaP5:0.00}"));
        // A black or blown frame has no detail to judge: its exposure is the reason.
        if (!black && !blown && f.Detail < BlurFlagDetail)
        {
            var what = motion ? FormattableString.Invariant($"motion_blur") : "blur";
            var angle = motion ? FormattableString.Invariant($" at {f.MotionBlurAngle:0}°") : "";
            gate.Flag(what, FormattableString.Invariant($"subject detail {f.Detail:0.00} octaves{angle} (sharp photos 2–6, flagged under {BlurFlagDetail:0.0}, dropped under {BlurDropDetail:0.0})"), hopeless: f.Detail < BlurDropDetail);
        }
        if (noise < NoiseFlag) gate.Flag("noise", FormattableString.Invariant($"wavelet sigma {f.NoiseSigma:0.0} levels"));
        if (pixelMp > 0 && pixelMp < LowResolutionMegapixels) gate.Flag("low_resolution", FormattableString.Invariant($"{pixelMp:0.00} MP"));

        // Learned quality signals, when their models ran: blended in, not replacing the measurements.
        if (f.ClipIqa is { } iqa)
        {
            Add(c, "QTech", "clip_iqa", iqa, 0.3, $"CLIP-IQA {F(iqa)}");
            q = 0.7 * q + 0.3 * iqa;
        }
        if (f.Brisque is { } brisque)
        {
            var b = 1 - Math.Clamp(brisque / 100, 0, 1);
            Add(c, "QTech", "brisque", b, 0.2, $"BRISQUE {F(brisque)} (lower is better)");
            q = 0.8 * q + 0.2 * b;
        }
        return q;
    }

    private static double Aesthetic(PhotoFeatures f, List<ScoreComponent> c)
    {
        var colour = Math.Clamp(f.Colorfulness / ColorfulnessFull, 0, 1);
        var contrast = Math.Clamp(f.Contrast / ContrastFull, 0, 1);
        var isolation = Math.Clamp((f.SubjectSharpness - f.Sharpness) / IsolationFull, 0, 1);
        var tone = 1 - Math.Clamp(Math.Abs(f.LumaP50 - 0.45) / 0.45, 0, 1);
        Add(c, "Aesthetic", "colourfulness", colour, 0.30, $"Hasler–Süsstrunk M3 {F(f.Colorfulness)}");
        Add(c, "Aesthetic", "contrast", contrast, 0.25, $"luma p99−p1 {F(f.Contrast)}");
        Add(c, "Aesthetic", "subject_isolation", isolation, 0.25, $"subject {F(f.SubjectSharpness)} vs frame {F(f.Sharpness)}");
        Add(c, "Aesthetic", "tonal_balance", tone, 0.20, $"median luma {F(f.LumaP50)}");
        var modelFree = 0.30 * colour + 0.25 * contrast + 0.25 * isolation + 0.20 * tone;
        if (f.AestheticModel is { } model)
        {
            var m = Math.Clamp(model / 10, 0, 1);
            Add(c, "Aesthetic", "aesthetic_model", m, 0.6, $"aesthetic head {F(model)} of 10");
            return 0.6 * m + 0.4 * modelFree;
        }
        return modelFree;
    }

    // CLIP cosines of a photo with a fitting text prompt lie around 0.2–0.35 for ViT-B/32 and L/14
    // [heuristic]: below 0.15 is no fit, 0.30 and above a full fit.
    private const double MoodCosineNone = 0.15, MoodCosineFull = 0.30;

    private static double Vibe(PhotoFeatures f, PhotoTheme theme, List<ScoreComponent> c)
    {
        var palette = PaletteFit(f, theme, c);
        if (f.MoodSimilarity is not { } mood || theme.Mood.Length == 0) return palette ?? 0.5;
        var m = Math.Clamp((mood - MoodCosineNone) / (MoodCosineFull - MoodCosineNone), 0, 1);
        Add(c, "Vibe", "mood", m, palette is null ? 1 : 0.5, $"CLIP cosine {F(mood)} with the mood \"{string.Join(", ", theme.Mood)}\"");
        return palette is { } p ? 0.5 * p + 0.5 * m : m;
    }

    private static double? PaletteFit(PhotoFeatures f, PhotoTheme theme, List<ScoreComponent> c)
    {
        if (theme.Palette.Length == 0 || f.Palette.Length == 0)
        {
            if (f.MoodSimilarity is null || theme.Mood.Length == 0) Add(c, "Vibe", "palette_fit", 0.5, 1, "the theme sets no palette: neutral");
            return null;
        }
        var targets = theme.Palette.Select(ColorSpace.HexToLab).ToArray();
        double fit = 0, share = 0;
        for (var i = 0; i < f.Palette.Length; i++)
        {
            var lab = ColorSpace.HexToLab(f.Palette[i]);
            var nearest = targets.Min(t => ColorSpace.DeltaE(lab, t));
            var s = i < f.PaletteShares.Length ? f.PaletteShares[i] : 0;
            fit += s * Math.Exp(-nearest / PaletteDeltaE);
            share += s;
        }
        var vibe = share > 0 ? fit / share : 0;
        Add(c, "Vibe", "palette_fit", vibe, f.MoodSimilarity is null || theme.Mood.Length == 0 ? 1 : 0.5, $"photo palette {string.Join(" ", f.Palette)} vs theme {string.Join(" ", theme.Palette)}");
        return vibe;
    }

    /// <summary>
    /// The theme's learned taste over measured properties: a bounded shift of Total after the gate
    /// (docs/algorithms.md#taste-over-measured-properties), recorded as a component whose value maps −bound…+bound to 0…1.
    /// </summary>
    private static double Taste(PhotoFeatures f, TasteTerm taste, List<ScoreComponent> c)
    {
        var t = Engine.Taste.TasteAdjustment.Of(taste, f);
        Add(c, "Taste", "learned_taste", taste.Bound > 0 ? 0.5 + t.Delta / (2 * taste.Bound) : 0.5, taste.Bound, t.Detail);
        return t.Delta;
    }

    private static double Typography(PhotoFeatures f, List<ScoreComponent> c)
    {
        var contrast = Math.Clamp((f.TextContrast - 1) / (TextContrastFull - 1), 0, 1);
        Add(c, "Typography", "copy_space", f.CopySpace, 0.6, $"quiet area {P(f.CopySpaceRect.Length == 4 ? f.CopySpaceRect[2] * f.CopySpaceRect[3] : 0)} of the frame");
        Add(c, "Typography", "text_contrast", contrast, 0.4, $"{f.TextColor ?? "no"} text at {F(f.TextContrast)}:1 (WCAG)");
        return f.CopySpace < 0.01 ? 0.6 * f.CopySpace : 0.6 * f.CopySpace + 0.4 * contrast;
    }

    private static double Composition(PhotoFeatures f, List<ScoreComponent> c)
    {
        var level = f.HorizonConfidence < TiltMinConfidence ? 1 : 1 - Ramp(Math.Abs(f.HorizonTilt), TiltTolerance, TiltRange);
        var uncut = 1 - Ramp(f.EdgeCut, EdgeCutStart, EdgeCutRange);
        Add(c, "Composition", "thirds", f.RuleOfThirds, 0.30, $"subject at ({F(f.SubjectX)}, {F(f.SubjectY)})");
        Add(c, "Composition", "level", level, 0.25, $"horizon tilt {F(f.HorizonTilt)}° (confidence {F(f.HorizonConfidence)})");
        Add(c, "Composition", "uncut_subject", uncut, 0.25, $"{P(f.EdgeCut)} of the subject on the frame edge");
        Add(c, "Composition", "balance", f.Balance, 0.20, $"left/right balance {F(f.Balance)}");
        return 0.30 * f.RuleOfThirds + 0.25 * level + 0.25 * uncut + 0.20 * f.Balance;
    }

    private static void Add(List<ScoreComponent> list, string score, string name, double value, double weight, string detail) =>
        list.Add(new ScoreComponent { Score = score, Name = name, Value = R(value), Weight = weight, Detail = detail });

    private static double R(double v) => Math.Round(Math.Clamp(v, 0, 1), 4);
    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    private static string P(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
