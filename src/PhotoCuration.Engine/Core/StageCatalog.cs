namespace PhotoCuration.Engine.Core;

/// <summary>
/// The stages in pipeline order: the only place their names and order are written. The workspace
/// layout, Import-PhotoStage, the photo rebuilder, the timings and the curation session all read it.
/// A new stage is one line here (see docs/architecture.md#adding-a-stage).
/// </summary>
public static class StageCatalog
{
    public static readonly StageDescriptor Ingest = new("ingest", 0, StageKind.PerPhoto, "Import-PhotoBatch", "Ingest.BatchIngest");
    public static readonly StageDescriptor Preprocess = new("preprocess", 1, StageKind.PerPhoto, "Invoke-Preprocess", "Preprocess.Preprocessor");
    public static readonly StageDescriptor Features = new("features", 2, StageKind.PerPhoto, "Get-PhotoFeatures", "Features.FeatureStage");
    public static readonly StageDescriptor Faces = new("faces", 3, StageKind.PerPhoto, "Find-PhotoFace", "Faces.FaceStage");
    public static readonly StageDescriptor Scoring = new("scoring", 4, StageKind.PerPhoto, "Measure-PhotoScore", "Scoring.ScoringStage");
    public static readonly StageDescriptor Clustering = new("clustering", 5, StageKind.Batch, "Group-PhotoMoment", "Moments.MomentStage");
    public static readonly StageDescriptor Ranking = new("ranking", 6, StageKind.Batch, "Invoke-MomentRanking", "Ranking.RankingStage");
    public static readonly StageDescriptor Optimizer = new("optimizer", 7, StageKind.Batch, "Select-CuratedSet", "Selection.SelectionStage");
    public static readonly StageDescriptor Exporter = new("exporter", 8, StageKind.Batch, "Export-CuratedList", "Export.CuratedListExport");

    /// <summary>Every stage, in pipeline order.</summary>
    public static readonly IReadOnlyList<StageDescriptor> All = new[] { Ingest, Preprocess, Features, Faces, Scoring, Clustering, Ranking, Optimizer, Exporter };

    /// <summary>The per-photo stages, in pipeline order: the chain a photo object is rebuilt through.</summary>
    public static IReadOnlyList<StageDescriptor> PerPhoto => All.Where(s => s.Kind == StageKind.PerPhoto).ToList();

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
