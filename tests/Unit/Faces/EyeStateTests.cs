using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// The eye-state decoder on generated ONNX models with known outputs (open-closed-eye-0001's signature:
/// [1,3,32,32] in, (open, closed) out): the patch tensor's layout and scaling, the probability read,
/// the open/closed/unknown rule. docs/algorithms.md#faces
/// </summary>
public sealed class EyeStateTests
{
    /// <summary>
    /// Flatten → MatMul by ±gain/3072 → (Softmax): logits (g·m, −g·m) where m is the tensor's mean, so
    /// p(closed) = 1 / (1 + e^(2·g·m)) — bright patches read open, dark ones closed.
    /// </summary>
    private static string WriteModel(TempFolder temp, bool softmax = true, float gain = 4f)
    {
        var path = temp.File("models/faces/" + EyeStateClassifier.FileName);
        var g = new OnnxGraph();
        g.Input("input.1", OnnxGraph.Float, 1, 3, 32, 32);
        var flat = g.Node("Flatten", new[] { "input.1" }, null, ("axis", 1L));
        var w = new float[3072 * 2];
        for (var i = 0; i < 3072; i++) { w[i * 2] = gain / 3072; w[i * 2 + 1] = -gain / 3072; }
        var logits = g.Node("MatMul", new[] { flat, g.Weights("w", w, 3072, 2) }, softmax ? null : "19");
        if (softmax) g.Node("Softmax", new[] { logits }, "19", ("axis", 1L));
        g.Output("19", OnnxGraph.Float, 1, 2);
        g.Save(path);
        return path;
    }

    private static FeatureImage Uniform(int w, int h, byte r, byte g, byte b)
    {
        var rgb = new byte[w * h * 3];
        for (var i = 0; i < rgb.Length; i += 3) { rgb[i] = r; rgb[i + 1] = g; rgb[i + 2] = b; }
        return new FeatureImage(w, h, rgb);
    }

    [Fact]
    public void Tensor_IsBgrPlanes_MinusOneTwentySevenOverTwoFiftyFive()
    {
        using var red = Uniform(64, 48, 255, 0, 0);
        var t = EyeStateClassifier.Tensor(red, new PixelRegion(8, 8, 16, 16));
        Assert.Equal(3 * 32 * 32, t.Length);
        Assert.All(t.Take(1024), v => Assert.Equal(-127f / 255, v, 5));           // B
        Assert.All(t.Skip(1024).Take(1024), v => Assert.Equal(-127f / 255, v, 5)); // G
        Assert.All(t.Skip(2048), v => Assert.Equal(128f / 255, v, 5));             // R
    }

    [Fact]
    public void ClosedProbability_ReadsTheModelsSecondOutput()
    {
        using var temp = new TempFolder();
        using var model = EyeStateClassifier.OpenCpu(WriteModel(temp));
        using var grey = Uniform(40, 40, 200, 200, 200);
        var m = (200 - 127) / 255.0;
        Assert.Equal(1 / (1 + Math.Exp(8 * m)), model.ClosedProbability(grey, new PixelRegion(4, 4, 20, 20)), 5);
        using var dark = Uniform(40, 40, 10, 10, 10);
        Assert.True(model.ClosedProbability(dark, new PixelRegion(0, 0, 40, 40)) > 0.95);
        // An export that stops at the logits gives the same probabilities through the softmax here.
        using var temp2 = new TempFolder();
        using var logits = EyeStateClassifier.OpenCpu(WriteModel(temp2, softmax: false));
        Assert.Equal(model.ClosedProbability(grey, new PixelRegion(4, 4, 20, 20)), logits.ClosedProbability(grey, new PixelRegion(4, 4, 20, 20)), 5);
    }

    [Fact]
    public void EyesRule_OpenClosedOrUnknown()
    {
        using var temp = new TempFolder();
        using var model = EyeStateClassifier.OpenCpu(WriteModel(temp));
        using var bright = Uniform(100, 100, 230, 230, 230);
        using var dark = Uniform(100, 100, 20, 20, 20);
        var r = new PixelRegion(10, 10, 20, 20);
        var l = new PixelRegion(60, 10, 20, 20);
        Assert.Equal(EyeState.Open, FaceMeasures.Eyes(bright, r, l, 20, model).State);
        var (state, closed) = FaceMeasures.Eyes(dark, r, l, 20, model);
        Assert.Equal(EyeState.Closed, state);
        Assert.True(closed > 0.5);
        Assert.Equal((EyeState.Unknown, (double?)null), FaceMeasures.Eyes(dark, r, l, 20, null));
        Assert.Equal(EyeState.Unknown, FaceMeasures.Eyes(dark, r, l, FaceMeasures.MinEyePatch - 1, model).State);
    }

    [Fact]
    public void Catalog_FindsAnEyeModelBesideTheDetector_AndTheAnalyzerUsesIt()
    {
        using var temp = new TempFolder();
        WriteModel(temp);
        File.Copy(FaceFixtures.ModelPath, temp.File("models/faces/" + BlazeFaceDetector.FileName));
        var catalog = new ModelCatalog(ModelSearchPath.Roots(Path.Combine(temp.Path, "models"), null, environment: ""));
        Assert.Equal("eye-state", Assert.Single(catalog.EyeState).Kind);
        using var analyzer = FaceAnalyzer.Open(catalog, ModelDevice.Cpu, 1);
        Assert.NotNull(analyzer!.Eyes);
    }

    [Fact]
    public void WrongEyeModel_IsRefused()
    {
        using var temp = new TempFolder();
        var path = temp.File("eye.onnx");
        var g = new OnnxGraph();
        g.Input("x", OnnxGraph.Float, 1, 3, 64, 64);
        g.Node("Flatten", new[] { "x" }, "y", ("axis", 1L));
        g.Output("y", OnnxGraph.Float, 1, 12288);
        g.Save(path);
        var e = Assert.Throws<ModelValidationException>(() => EyeStateClassifier.OpenCpu(path));
        Assert.Contains("[1, 3, 32, 32]", e.Message);
    }
}
