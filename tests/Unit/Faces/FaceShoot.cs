using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// The portrait burst (<see cref="FaceBurst"/>, σ 3) run through every stage as the cmdlets write them:
/// ingest, preprocess, features, faces (the shipped model on the CPU), scoring, grouping, ranking
/// without a judge, selection (all three frames: one per moment lifted to three) and export. The live
/// objects stay here for comparison with what the documents rebuild.
/// </summary>
public sealed class FaceShoot : IDisposable
{
    public const string BatchId = "faces";
    private readonly TempFolder _temp = new();

    public FaceShoot()
    {
        var catalog = new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));
        var (analyzer, modelId) = FaceStage.Open(catalog, ModelDevice.Cpu, 1);
        using var _ = analyzer;
        var shoot = Directory.CreateDirectory(Path.Combine(_temp.Path, "shoot")).FullName;
        FaceBurst.Write(shoot, analyzer!, sigma: 3);

        Theme = ThemeLoader.BuiltIn();
        Layout = new WorkspaceLayout(Path.Combine(_temp.Path, "ws"));
        Photos = EnginePipeline.Score(shoot, Layout, BatchId, Theme, new UserOverrides(null, null));
        var faces = new FaceStage(Layout, analyzer, modelId);
        var faceBatch = new FacesBatch(BatchId, Layout, modelId);
        foreach (var p in Photos)
        {
            faces.Attach(p, faces.Process(p));
            faceBatch.Add(p);
        }
        faceBatch.WriteStageJson();
        var grouped = new MomentStage(Theme, MomentStage.ParametersFor(Theme), calibrate: false)
            .Run(BatchId, Layout.Root, Photos.Where(p => p.Score is { IsDropped: false }).ToList(), Array.Empty<StageError>());
        StageJson.Write(Layout.StageJsonPath(MomentStage.StageName, BatchId), grouped.Document);
        PhotoCuration.Engine.Pipeline.BatchStageRun.Run(new RankingStage(new JudgeSettings(), Theme, Layout, judge: null),
            new RankingStage.Input(BatchId, grouped.Moments), Layout, CancellationToken.None);
        Moments = grouped.Moments;

        var options = SelectionOptions.FromTheme(Theme) with { Count = 3, MaxPerMoment = 3 };
        var selection = new SelectionStage(Theme, options).Run(BatchId, Layout.Root, Moments);
        StageJson.Write(Layout.StageJsonPath(SelectionStage.StageName, BatchId), selection.Document);
        Set = selection.Set;
        var export = CuratedListExport.Plan(Set, Layout.Root, new ExportOptions(), _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
    }

    public PhotoTheme Theme { get; }
    public WorkspaceLayout Layout { get; }
    /// <summary>Every photo in ingest order, with its faces and score.</summary>
    public List<Photo> Photos { get; }
    public IReadOnlyList<PhotoMoment> Moments { get; }
    public CuratedSet Set { get; }

    public Photo Photo(string fileName) => Photos.Single(p => p.FileName == fileName);

    public void Dispose() => _temp.Dispose();
}
