using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// The sample shoot, plus a file that is no photo, run through every stage in a fixed folder: ingest
/// (one lock, one exclude), preprocess, features, faces, scoring, clustering, ranking (no judge), optimizer and
/// exporter. Held under an exclusive lock file, so two test processes on one machine take turns.
/// </summary>
public sealed class GoldenShoot : IDisposable
{
    public const string BatchId = "golden";
    public const string Root = "/tmp/photocuration-golden";
    private static readonly DateTime Start = new(2024, 9, 14, 8, 12, 5, 250);
    private readonly FileStream _lock;

    private GoldenShoot(FileStream fileLock)
    {
        _lock = fileLock;
        Layout = new WorkspaceLayout(Path.Combine(Root, "ws"));
    }

    public WorkspaceLayout Layout { get; }
    public List<Photo> Photos { get; private set; } = new();
    public IReadOnlyList<PhotoMoment> Moments { get; private set; } = Array.Empty<PhotoMoment>();
    public CuratedSet Set { get; private set; } = null!;

    public static GoldenShoot Build()
    {
        var shoot = new GoldenShoot(Lock());
        shoot.Run();
        return shoot;
    }

    private static FileStream Lock()
    {
        var path = Root + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(500);
            }
        }
    }

    private void Run()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        var shootDir = Directory.CreateDirectory(Path.Combine(Root, "shoot")).FullName;
        new SampleShootGenerator(1200, 800).Write(shootDir, Start);
        File.WriteAllText(Path.Combine(shootDir, "notes.jpg"), "not a photo");
        var theme = ThemeLoader.BuiltIn();

        var ingest = new BatchIngest(BatchId, Layout, new UserOverrides(new[] { "IMG_0007.jpg" }, new[] { "IMG_0012.jpg" }), theme.Name);
        var inspector = new PhotoInspector();
        foreach (var file in Directory.GetFiles(shootDir, "*.jpg").Order(StringComparer.Ordinal))
        {
            try { Photos.Add(ingest.Accept(inspector.Inspect(file))); }
            catch (PhotoInputException ex) { ingest.Reject(file, ex.ErrorId, ex.Message); }
        }
        ingest.WriteStageJson();

        var preprocessor = new Preprocessor(Layout, new PreprocessOptions());
        var preBatch = new PreprocessBatch(BatchId, Layout, new PreprocessOptions());
        var features = new FeatureStage(Layout);
        var featBatch = new FeaturesBatch(BatchId, Layout);
        var scoreBatch = new ScoringBatch(BatchId, Layout, theme);
        // The shipped face model, on the CPU: the sample shoot's frames have no faces, so its record pins the plumbing.
        var (faceModel, faceModelId) = FaceStage.Open(new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: "")), ModelDevice.Cpu, 1);
        using var faceAnalyzer = faceModel;
        var faces = new FaceStage(Layout, faceModel, faceModelId);
        var faceBatch = new FacesBatch(BatchId, Layout, faceModelId);
        foreach (var photo in Photos)
        {
            photo.Workspace = Layout.Root;
            photo.Preprocess = preprocessor.Process(photo);
            preBatch.Add(photo);
            photo.Features = features.Process(photo);
            featBatch.Add(photo);
            faces.Attach(photo, faces.Process(photo));
            faceBatch.Add(photo);
            photo.Score = Scorecard.Score(photo.Features!, theme, photo.IsLocked, photo.FileName);
            scoreBatch.Add(photo);
        }
        preBatch.WriteStageJson();
        featBatch.WriteStageJson();
        faceBatch.WriteStageJson();
        scoreBatch.WriteStageJson();

        var kept = Photos.Where(p => p.Score is { IsDropped: false }).ToList();
        var grouped = new MomentStage(theme, MomentStage.ParametersFor(theme), calibrate: false).Run(BatchId, Layout.Root, kept, Array.Empty<StageError>());
        StageJson.Write(Layout.StageJsonPath(MomentStage.StageName, BatchId), grouped.Document);
        Moments = grouped.Moments;
        new RankingStage(new JudgeSettings(), theme, Layout, judge: null).RankAsync(BatchId, Moments, CancellationToken.None).GetAwaiter().GetResult();

        var options = SelectionOptions.FromTheme(theme) with { Count = 5 };
        var selection = new SelectionStage(theme, options).Run(BatchId, Layout.Root, Moments);
        StageJson.Write(Layout.StageJsonPath(SelectionStage.StageName, BatchId), selection.Document);
        Set = selection.Set;

        var export = CuratedListExport.Plan(Set, Layout.Root, new ExportOptions { CreatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) }, _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
    }

    /// <summary>Every stage document written, by <c>&lt;stage&gt;.json</c>, and the curated list.</summary>
    public SortedDictionary<string, string> Documents()
    {
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in Directory.GetDirectories(Layout.StageJsonDir))
        {
            var file = Path.Combine(dir, BatchId + ".json");
            if (File.Exists(file)) documents[Path.GetFileName(dir) + ".json"] = File.ReadAllText(file);
        }
        documents["curated_list.json"] = File.ReadAllText(Path.Combine(Layout.OutputDir, BatchId, CuratedListExport.JsonFileName));
        return documents;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _lock.Dispose();
    }
}
