using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Features;

/// <summary>
/// <c>intermediateJsons/features/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents): per photo the standardized
/// image and its features, grouped as tech / hashes / color / saliency / composition / copy_space /
/// time; model fields (clip_iqa, brisque, clip_labels, aesthetic, embedding, scene_type,
/// people_count, mood_similarity) are null without models.
/// </summary>
public sealed class FeaturesStageDocument : StageDocument
{
    public FeaturesStageDocument() : base(StageCatalog.Features) { }

    public List<Artifact> Artifacts { get; set; } = new();

    public sealed class Artifact
    {
        public string PhotoId { get; set; } = "";
        public string StdUri { get; set; } = "";
        public FeatureGroups Features { get; set; } = new();
    }

    public sealed class FeatureGroups
    {
        public TechGroup Tech { get; set; } = new();
        public List<ClipLabel>? ClipLabels { get; set; }
        public double? Aesthetic { get; set; }
        public EmbeddingGroup? Embedding { get; set; }
        public string? SceneType { get; set; }
        public string? PeopleCount { get; set; }
        public double? MoodSimilarity { get; set; }
        public HashGroup Hashes { get; set; } = new();
        public ColorGroup Color { get; set; } = new();
        public SaliencyGroup Saliency { get; set; } = new();
        public CompositionGroup Composition { get; set; } = new();
        public CopySpaceGroup CopySpace { get; set; } = new();
        public string TimeOfDay { get; set; } = "";
        public string TimeOfDaySource { get; set; } = "";
        public string Orientation { get; set; } = "";
    }

    public sealed class TechGroup
    {
        public double Sharpness { get; set; }
        public double SubjectSharpness { get; set; }
        public double LaplacianVariance { get; set; }
        public double Detail { get; set; }
        public double FrameDetail { get; set; }
        public double[] DetailByDirection { get; set; } = Array.Empty<double>();
        public double MotionBlur { get; set; }
        public double MotionBlurAngle { get; set; }
        public double LocalContrast { get; set; }
        public double Megapixels { get; set; }
        public int LongEdge { get; set; }
        public int EffectiveLongEdge { get; set; }
        public ExposureGroup Exposure { get; set; } = new();
        public double Noise { get; set; }
        public double? ClipIqa { get; set; }
        public double? Brisque { get; set; }
    }

    public sealed class ExposureGroup
    {
        public double Mean { get; set; }
        public double[] Percentiles { get; set; } = Array.Empty<double>();
        public double HighlightClip { get; set; }
        public double ShadowClip { get; set; }
        public double ChannelClip { get; set; }
        public double Contrast { get; set; }
    }

    /// <summary>The CLIP embedding file (workspace-relative) and its model; null without a CLIP model.</summary>
    public sealed class EmbeddingGroup { public string Uri { get; set; } = ""; public string Model { get; set; } = ""; }

    public sealed class HashGroup
    {
        public string Phash { get; set; } = "";
        public string Dhash { get; set; } = "";
        /// <summary>8×8 mean luma, row-major (docs/algorithms.md#exposure-brackets).</summary>
        public double[]? LumaGrid { get; set; }
    }

    public sealed class ColorGroup
    {
        public double Colorfulness { get; set; }
        public double Warmth { get; set; }
        public double Saturation { get; set; }
        public string[] Palette { get; set; } = Array.Empty<string>();
        public double[] PaletteShares { get; set; } = Array.Empty<double>();
    }

    public sealed class SaliencyGroup { public string? MapUri { get; set; } public double[] Centroid { get; set; } = Array.Empty<double>(); }

    public sealed class CompositionGroup
    {
        public double RuleOfThirds { get; set; }
        public double HorizonTilt { get; set; }
        public double HorizonConfidence { get; set; }
        public double EdgeCut { get; set; }
        public double Balance { get; set; }
    }

    public sealed class CopySpaceGroup
    {
        public double Score { get; set; }
        public double[] Rect { get; set; } = Array.Empty<double>();
        public string? TextColor { get; set; }
        public double TextContrast { get; set; }
    }

    public static Artifact ToArtifact(WorkspaceLayout layout, Photo photo, PhotoFeatures f) => new()
    {
        PhotoId = photo.PhotoId,
        StdUri = photo.Preprocess is null ? "" : WorkspacePaths.ToRelative(layout, photo.Preprocess.StandardizedPath),
        Features = new FeatureGroups
        {
            Tech = new TechGroup
            {
                Sharpness = f.Sharpness,
                SubjectSharpness = f.SubjectSharpness,
                LaplacianVariance = f.LaplacianVariance,
                Detail = f.Detail,
                FrameDetail = f.FrameDetail,
                DetailByDirection = f.DetailByDirection,
                MotionBlur = f.MotionBlur,
                MotionBlurAngle = f.MotionBlurAngle,
                LocalContrast = f.LocalContrast,
                Megapixels = f.Megapixels,
                LongEdge = f.LongEdge,
                EffectiveLongEdge = f.EffectiveLongEdge,
                Exposure = new ExposureGroup
                {
                    Mean = f.LumaMean,
                    Percentiles = new[] { f.LumaP1, f.LumaP5, f.LumaP50, f.LumaP95, f.LumaP99 },
                    HighlightClip = f.HighlightClip,
                    ShadowClip = f.ShadowClip,
                    ChannelClip = f.ChannelClip,
                    Contrast = f.Contrast,
                },
                Noise = f.NoiseSigma,
                ClipIqa = f.ClipIqa,
                Brisque = f.Brisque,
            },
            ClipLabels = f.ClipLabels?.ToList(),
            Aesthetic = f.AestheticModel,
            Embedding = f.EmbeddingPath is null ? null : new EmbeddingGroup { Uri = WorkspacePaths.ToRelative(layout, f.EmbeddingPath), Model = f.EmbeddingModel ?? "" },
            SceneType = f.SceneType,
            PeopleCount = f.PeopleCount,
            MoodSimilarity = f.MoodSimilarity,
            Hashes = new HashGroup { Phash = f.PHash, Dhash = f.DHash, LumaGrid = f.LumaGrid },
            Color = new ColorGroup { Colorfulness = f.Colorfulness, Warmth = f.Warmth, Saturation = f.Saturation, Palette = f.Palette, PaletteShares = f.PaletteShares },
            Saliency = new SaliencyGroup { MapUri = f.SaliencyPath is null ? null : WorkspacePaths.ToRelative(layout, f.SaliencyPath), Centroid = new[] { f.SubjectX, f.SubjectY } },
            Composition = new CompositionGroup { RuleOfThirds = f.RuleOfThirds, HorizonTilt = f.HorizonTilt, HorizonConfidence = f.HorizonConfidence, EdgeCut = f.EdgeCut, Balance = f.Balance },
            CopySpace = new CopySpaceGroup { Score = f.CopySpace, Rect = f.CopySpaceRect, TextColor = f.TextColor, TextContrast = f.TextContrast },
            TimeOfDay = f.TimeOfDay,
            TimeOfDaySource = f.TimeOfDaySource,
            Orientation = f.Orientation,
        },
    };
}
