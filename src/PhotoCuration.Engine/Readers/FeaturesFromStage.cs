using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// The inverse of <see cref="FeaturesStageDocument.ToArtifact"/>: every <see cref="PhotoFeatures"/> value is
/// stored in the features record (doubles round-trip exactly through System.Text.Json), so the rebuilt
/// object equals the one Get-PhotoFeatures emitted.
/// </summary>
public static class FeaturesFromStage
{
    public static PhotoFeatures ToFeatures(WorkspaceLayout layout, string stageVersion, FeaturesStageDocument.Artifact artifact)
    {
        var g = artifact.Features ?? throw new FormatException("features is missing.");
        var tech = g.Tech ?? throw new FormatException("features.tech is missing.");
        var exposure = tech.Exposure ?? throw new FormatException("features.tech.exposure is missing.");
        var percentiles = exposure.Percentiles is { Length: 5 } p ? p : throw new FormatException("features.tech.exposure.percentiles must hold p1, p5, p50, p95, p99.");
        var color = g.Color ?? throw new FormatException("features.color is missing.");
        var saliency = g.Saliency ?? throw new FormatException("features.saliency is missing.");
        var centroid = saliency.Centroid is { Length: 2 } c ? c : throw new FormatException("features.saliency.centroid must be [x, y].");
        var composition = g.Composition ?? throw new FormatException("features.composition is missing.");
        var copy = g.CopySpace ?? throw new FormatException("features.copy_space is missing.");
        var hashes = g.Hashes ?? throw new FormatException("features.hashes is missing.");
        return new PhotoFeatures
        {
            Version = stageVersion,
            // Nothing was computed: the values are stored ones, like a cache hit.
            FromCache = true,
            Sharpness = tech.Sharpness,
            SubjectSharpness = tech.SubjectSharpness,
            LaplacianVariance = tech.LaplacianVariance,
            Detail = tech.Detail,
            FrameDetail = tech.FrameDetail,
            DetailByDirection = tech.DetailByDirection ?? Array.Empty<double>(),
            MotionBlur = tech.MotionBlur,
            MotionBlurAngle = tech.MotionBlurAngle,
            LocalContrast = tech.LocalContrast,
            Megapixels = tech.Megapixels,
            LongEdge = tech.LongEdge,
            EffectiveLongEdge = tech.EffectiveLongEdge,
            LumaMean = exposure.Mean,
            LumaP1 = percentiles[0],
            LumaP5 = percentiles[1],
            LumaP50 = percentiles[2],
            LumaP95 = percentiles[3],
            LumaP99 = percentiles[4],
            HighlightClip = exposure.HighlightClip,
            ChannelClip = exposure.ChannelClip,
            ShadowClip = exposure.ShadowClip,
            Contrast = exposure.Contrast,
            NoiseSigma = tech.Noise,
            ClipIqa = tech.ClipIqa,
            Brisque = tech.Brisque,
            PHash = hashes.Phash,
            DHash = hashes.Dhash,
            LumaGrid = hashes.LumaGrid ?? Array.Empty<double>(),
            Colorfulness = color.Colorfulness,
            Warmth = color.Warmth,
            Saturation = color.Saturation,
            Palette = color.Palette ?? Array.Empty<string>(),
            PaletteShares = color.PaletteShares ?? Array.Empty<double>(),
            SaliencyPath = saliency.MapUri is null ? null : WorkspacePaths.ToFull(layout, saliency.MapUri),
            SubjectX = centroid[0],
            SubjectY = centroid[1],
            RuleOfThirds = composition.RuleOfThirds,
            HorizonTilt = composition.HorizonTilt,
            HorizonConfidence = composition.HorizonConfidence,
            EdgeCut = composition.EdgeCut,
            Balance = composition.Balance,
            CopySpace = copy.Score,
            CopySpaceRect = copy.Rect ?? Array.Empty<double>(),
            TextColor = copy.TextColor,
            TextContrast = copy.TextContrast,
            TimeOfDay = g.TimeOfDay,
            TimeOfDaySource = g.TimeOfDaySource,
            Orientation = g.Orientation,
            AestheticModel = g.Aesthetic,
            ClipLabels = g.ClipLabels?.ToArray(),
            EmbeddingPath = g.Embedding is null ? null : WorkspacePaths.ToFull(layout, g.Embedding.Uri),
            EmbeddingModel = g.Embedding?.Model,
            SceneType = g.SceneType,
            PeopleCount = g.PeopleCount,
            MoodSimilarity = g.MoodSimilarity,
        };
    }
}
