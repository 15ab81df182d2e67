using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// The per-photo stages run straight through the engine, as the cmdlets run them: ingest, preprocess,
/// features and scoring on every JPEG under a folder (name order), each stage's JSON written.
/// </summary>
public static class EnginePipeline
{
    /// <returns>Every photo in ingest order, scored (dropped ones included).</returns>
    public static List<Photo> Score(string shootDir, WorkspaceLayout layout, string batchId, PhotoTheme theme, UserOverrides overrides)
    {
        var ingest = new BatchIngest(batchId, layout, overrides, theme.Name);
        var inspector = new PhotoInspector();
        var files = Directory.GetFiles(shootDir, "*.jpg", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal);
        var photos = files.Select(f => ingest.Accept(inspector.Inspect(f))).ToList();
        ingest.WriteStageJson();

        var preprocessor = new Preprocessor(layout, new PreprocessOptions());
        var preBatch = new PreprocessBatch(batchId, layout, new PreprocessOptions());
        var features = new FeatureStage(layout);
        var featBatch = new FeaturesBatch(batchId, layout);
        var scoreBatch = new ScoringBatch(batchId, layout, theme);
        foreach (var photo in photos)
        {
            photo.Workspace = layout.Root;
            photo.Preprocess = preprocessor.Process(photo);
            preBatch.Add(photo);
            photo.Features = features.Process(photo);
            featBatch.Add(photo);
            photo.Score = Scorecard.Score(photo.Features!, theme, photo.IsLocked, photo.FileName);
            scoreBatch.Add(photo);
        }
        preBatch.WriteStageJson();
        featBatch.WriteStageJson();
        scoreBatch.WriteStageJson();
        return photos;
    }
}
