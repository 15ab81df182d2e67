using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Core;

/// <summary>
/// The stages in pipeline order: the only place their names, versions and order are written. The
/// workspace layout, Import-PhotoStage, the photo rebuilder, the timings and the curation session all
/// read it. A new stage is one line here (see docs/architecture.md#adding-a-stage). This table is the one
/// file of Core that names types of the stage folders and of Readers/: it only points at them
/// (<c>typeof</c>), so Core still calls nothing above it.
/// </summary>
public static class StageCatalog
{
    // Static fields initialize in textual order, so a stage's order is its line's place here: a new
    // stage is one line where it runs, and no other line changes.
    private static readonly List<StageDescriptor> Listed = new();

    // name, stage_version, kind, cmdlet, engine type, document type, reader, and for a per-photo stage after
    // ingest its opener (how a run opens it); the order is the line's place.
    // A version is bumped whenever what the stage writes for the same inputs changes; the reasons are in git log.
    public static readonly StageDescriptor Ingest = Stage("ingest", "ingest-1", StageKind.PerPhoto, "Import-PhotoBatch", typeof(BatchIngest), typeof(IngestStageDocument), typeof(IngestStageReader));
    // preprocess-2: camera JPEGs are decoded by libvips with shrink-on-load (Preprocessor.ShrinkOnLoad.cs);
    // preprocess-3: the effective long edge (an enlargement holds detail only up to its source's size).
    public static readonly StageDescriptor Preprocess = Stage("preprocess", "preprocess-3", StageKind.PerPhoto, "Invoke-Preprocess", typeof(Preprocessor), typeof(PreprocessStageDocument), typeof(PreprocessStageReader), typeof(PreprocessorOpener));
    // features-2: saliency mirror-padded and periodic; features-3: detail in octaves, motion blur, local contrast,
    // effective resolution; features-4: the 8×8 luma grid that recognises a frame under another exposure;
    // features-5: Megapixels counts the effective long edge preprocess measured, LongEdge and EffectiveLongEdge.
    public static readonly StageDescriptor Features = Stage("features", "features-5", StageKind.PerPhoto, "Get-PhotoFeatures", typeof(FeatureStage), typeof(FeaturesStageDocument), typeof(FeaturesStageReader), typeof(FeatureStageOpener));
    // faces-2: coarse-to-fine detection (2×2 tiles of 576 px, small candidates looked at again at full scale).
    public static readonly StageDescriptor Faces = Stage("faces", "faces-2", StageKind.PerPhoto, "Find-PhotoFace", typeof(FaceStage), typeof(FacesStageDocument), typeof(FacesStageReader), typeof(FaceStageOpener), optional: true);
    // Scoring's stage_version is the scorecard's version (the document also keeps it as scorecard_version).
    // scorecard-2: detail-based sharpness, exposure by intent, resolution, the kept/flagged/dropped gate;
    // scorecard-3: the resolution part counts the effective long edge (an enlargement scores as its source).
    public static readonly StageDescriptor Scoring = Stage("scoring", "scorecard-3", StageKind.PerPhoto, "Measure-PhotoScore", typeof(ScoringStage), typeof(ScoringStageDocument), typeof(ScoringStageReader), typeof(ScoringStageOpener), usesBatch: true);
    // moments-2: frames clearly softer than a sibling, flagged or dropped rank below kept ones.
    // moments-3: noise within 1.3× the moment's typical σ is the scene's grain, re-scored without a noise flag.
    // moments-4: a frame behind its hero most on resolution says so ("enlarged: effective 600 px of 1600"); the scene's
    // typical σ comes from its sharp, full-scale, well-exposed frames only.
    public static readonly StageDescriptor Clustering = Stage("clustering", "moments-4", StageKind.Batch, "Group-PhotoMoment", typeof(MomentStage), typeof(ClusteringStageDocument), typeof(MomentStageReader));
    public static readonly StageDescriptor Ranking = Stage("ranking", "ranking-1", StageKind.Batch, "Invoke-MomentRanking", typeof(RankingStage), typeof(RankingStageDocument), typeof(MomentStageReader));
    public static readonly StageDescriptor Optimizer = Stage("optimizer", "selection-2", StageKind.Batch, "Select-CuratedSet", typeof(SelectionStage), typeof(OptimizerStageDocument), typeof(CuratedSetStageReader));
    // The exporter's document is the curated list; its version is the list's format version ("version").
    public static readonly StageDescriptor Exporter = Stage("exporter", "curated-list-2", StageKind.Batch, "Export-CuratedList", typeof(CuratedListExport), typeof(CuratedListDocument), typeof(CuratedListStageReader));

    /// <summary>Every stage, in pipeline order.</summary>
    public static IReadOnlyList<StageDescriptor> All => Listed;

    private static StageDescriptor Stage(string name, string version, StageKind kind, string cmdlet, Type engineType, Type documentType, Type reader, Type? opener = null, bool optional = false, bool usesBatch = false)
    {
        var stage = new StageDescriptor(name, version, Listed.Count, kind, cmdlet, engineType, documentType, reader, opener, optional, usesBatch);
        Listed.Add(stage);
        return stage;
    }

    /// <summary>The per-photo stages, in pipeline order: the chain a photo object is rebuilt through.</summary>
    public static IReadOnlyList<StageDescriptor> PerPhoto => All.Where(s => s.Kind == StageKind.PerPhoto).ToList();

    /// <summary>
    /// The per-photo stages after ingest that a distributed run's workers run, in pipeline order: every one
    /// with an opener whose result does not depend on the batch (docs/distributed.md#what-runs-where).
    /// </summary>
    public static IReadOnlyList<StageDescriptor> OnWorkers => PerPhoto.Where(s => s.Opener is not null && !s.UsesBatch).ToList();

    /// <summary>The stage of that name, or null.</summary>
    public static StageDescriptor? Find(string? name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The stage of that name; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static StageDescriptor Get(string name) =>
        Find(name) ?? throw new ArgumentException($"Unknown stage '{name}'. Stages: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    /// <summary>Orders stage names as the pipeline runs them; other names after, alphabetically.</summary>
    public static readonly IComparer<string> Order = Comparer<string>.Create((x, y) =>
    {
        var byPipeline = (Find(x)?.Order ?? int.MaxValue).CompareTo(Find(y)?.Order ?? int.MaxValue);
        return byPipeline != 0 ? byPipeline : string.CompareOrdinal(x, y);
    });
}
