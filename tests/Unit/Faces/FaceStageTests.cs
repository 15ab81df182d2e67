using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// The face stage on the stage contract, on a real portrait (skimage's astronaut) run through ingest,
/// preprocess and features: one face with its keypoints on the photo, the faces JSON, the cache, the
/// people count, Import-PhotoStage's round trip, and the stage with no face model installed.
/// </summary>
public sealed class FaceStageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ModelCatalog ModuleCatalog() => new(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));

    private (WorkspaceLayout Layout, List<Photo> Photos) Portraits()
    {
        var shoot = Directory.CreateDirectory(Path.Combine(_temp.Path, "shoot")).FullName;
        using (var astronaut = Image.Load<Rgb24>(FaceFixtures.Fixture("astronaut.png"))) astronaut.SaveAsJpeg(Path.Combine(shoot, "astronaut.jpg"));
        var layout = new WorkspaceLayout(Path.Combine(_temp.Path, "ws"));
        var photos = EnginePipeline.Score(shoot, layout, "faces", ThemeLoader.BuiltIn(), new UserOverrides(null, null));
        return (layout, photos);
    }

    private static List<Photo> RunFaces(WorkspaceLayout layout, IEnumerable<Photo> photos, FaceStage stage, string? modelId)
    {
        var batch = new FacesBatch("faces", layout, modelId);
        var done = new List<Photo>();
        foreach (var photo in photos)
        {
            Assert.True(stage.Attach(photo, stage.Process(photo)));
            batch.Add(photo);
            done.Add(photo);
        }
        batch.WriteStageJson();
        return done;
    }

    [FaceDataFact]
    public void Portrait_GetsOneFaceWithKeypoints_Recorded_Cached_AndImportedBack()
    {
        var (layout, photos) = Portraits();
        var (analyzer, modelId) = FaceStage.Open(ModuleCatalog(), ModelDevice.Cpu, 1);
        using (analyzer)
        {
            Assert.NotNull(analyzer);
            Assert.StartsWith(BlazeFaceDetector.FileName + "@", modelId);
            var stage = new FaceStage(layout, analyzer, modelId);
            var photo = Assert.Single(RunFaces(layout, photos, stage, modelId));
            var face = Assert.Single(photo.Faces!);
            Assert.Equal(modelId, photo.FaceModel);
            Assert.Equal(12, face.Keypoints.Length);
            Assert.True(face.Confidence > 0.7);
            // Her face lies around x 0.35–0.55, y 0.1–0.35 of the frame; the eyes inside the box.
            Assert.InRange(face.X + face.Width / 2, 0.35, 0.6);
            Assert.InRange(face.Y + face.Height / 2, 0.1, 0.4);
            Assert.InRange(face.Keypoints[1], face.Y, face.Y + face.Height);
            Assert.Equal("one", PeopleBands.Of(photo));

            var json = File.ReadAllText(layout.StageJsonPath("faces", "faces"));
            Assert.Contains("\"stage\": \"faces\"", json);
            Assert.Contains("\"faces\": [", json);
            Assert.Contains("\"keypoints\": [", json);

            // The second look comes from the cache, equal to the first.
            var again = stage.Process(photo);
            Assert.True(again.FromCache);
            Assert.Equal(StageJson.Serialize(photo.Faces), StageJson.Serialize(again.Faces));

            // Import-PhotoStage: the faces record rebuilds the faces, and the scoring record (written before
            // the face stage ran, as a pipeline without Find-PhotoFace would) picks them up too.
            var problems = new List<string>();
            var imported = StageImporter.Import(layout.StageJsonPath("faces", "faces"), layout.Root, true, e => problems.Add(e.Message), problems.Add).Cast<Photo>().Single();
            Assert.Empty(problems);
            Assert.Equal(StageJson.Serialize(photo.Faces), StageJson.Serialize(imported.Faces));
            Assert.Equal(modelId, imported.FaceModel);
            Assert.NotNull(imported.Features);
            var scored = StageImporter.Import(layout.StageJsonPath("scoring", "faces"), layout.Root, true, e => problems.Add(e.Message), problems.Add).Cast<Photo>().Single();
            Assert.Empty(problems);
            Assert.Equal(StageJson.Serialize(photo.Faces), StageJson.Serialize(scored.Faces));
            Assert.NotNull(scored.Score);
        }
    }

    [FaceDataFact]
    public void NoFaceModel_EmptyFaces_UnknownPeople_NothingCached_StillImports()
    {
        var (layout, photos) = Portraits();
        var (analyzer, modelId) = FaceStage.Open(new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(_temp.Path, "no-models"), environment: "")), ModelDevice.Cpu, 1);
        Assert.Null(analyzer);
        Assert.Null(modelId);
        var stage = new FaceStage(layout, null, null);
        Assert.Null(stage.CacheKey(photos[0]));
        var photo = Assert.Single(RunFaces(layout, photos, stage, null));
        Assert.Empty(photo.Faces!);
        Assert.Null(photo.FaceModel);
        Assert.Null(PeopleBands.Of(photo));
        Assert.False(Directory.Exists(layout.StageCacheDir("faces")));
        var problems = new List<string>();
        var imported = StageImporter.Import(layout.StageJsonPath("faces", "faces"), layout.Root, true, e => problems.Add(e.Message), problems.Add).Cast<Photo>().Single();
        Assert.Empty(problems);
        Assert.Empty(imported.Faces!);
        Assert.Null(imported.FaceModel);
    }

    [Fact]
    public void ScoringImport_WithoutAFacesRecord_LeavesFacesNull()
    {
        using var shoot = GoldenShoot.Build();
        File.Delete(shoot.Layout.StageJsonPath("faces", GoldenShoot.BatchId));
        var problems = new List<string>();
        var photos = StageImporter.Import(shoot.Layout.StageJsonPath("scoring", GoldenShoot.BatchId), shoot.Layout.Root, true, e => problems.Add(e.Message), problems.Add).Cast<Photo>().ToList();
        Assert.Empty(problems);
        Assert.NotEmpty(photos);
        Assert.All(photos, p => Assert.Null(p.Faces));
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "one")]
    [InlineData(2, "two")]
    [InlineData(3, "group")]
    [InlineData(5, "group")]
    [InlineData(6, "crowd")]
    [InlineData(40, "crowd")]
    public void PeopleBands_FollowTheClipLabels(int faces, string band) => Assert.Equal(band, PeopleBands.Of(faces));
}
