using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// A burst made from a real portrait (skimage's astronaut, at 1024 px): the original, the face region
/// alone blurred (σ 2, 3 or 4 px), the face alone darkened 1.5 EV. Through the real engine (ingest,
/// preprocess, features, the face stage, scoring, the moment ranking): the original is the hero every
/// time and the two others lose with face reasons (docs/algorithms.md#faces-inside-a-moment).
/// </summary>
public sealed class FaceBurstRankingTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;

    public FaceBurstRankingTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    [FaceDataTheory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(4.0)]
    public void Original_IsTheHero_SoftAndDarkFacesLoseWithFaceReasons(double sigma)
    {
        var catalog = new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));
        var (analyzer, modelId) = FaceStage.Open(catalog, ModelDevice.Cpu, 1);
        using var _ = analyzer;
        var shoot = Directory.CreateDirectory(Path.Combine(_temp.Path, "shoot")).FullName;
        FaceBurst.Write(shoot, analyzer!, sigma);

        var theme = ThemeLoader.BuiltIn();
        var layout = new WorkspaceLayout(Path.Combine(_temp.Path, "ws"));
        var photos = EnginePipeline.Score(shoot, layout, "burst", theme, new UserOverrides(null, null));
        var stage = new FaceStage(layout, analyzer, modelId);
        foreach (var p in photos) stage.Attach(p, stage.Process(p));
        Assert.All(photos, p => Assert.NotEmpty(p.Faces!));

        var ranked = MomentRanker.Rank(photos);
        var why = MomentRanker.Explain(ranked, theme.Weights);
        foreach (var r in why) _output.WriteLine($"{r.Rank} {r.FileName}: {r.Reason}");
        foreach (var p in photos) _output.WriteLine($"{p.FileName}: face sharpness {p.Faces![0].Sharpness:0.000} EV {p.Faces[0].ExposureEv:0.00} frame detail {p.Features!.Detail:0.000} total {p.Score!.Total:0.000}");
        Assert.Equal("a_original.jpg", ranked[0].FileName);
        Assert.Contains("face softer than hero's", why.Single(r => r.FileName == "b_face_blurred.jpg").Reason);
        Assert.Contains("face darker than hero's", why.Single(r => r.FileName == "c_face_dark.jpg").Reason);
    }
}
