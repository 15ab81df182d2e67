using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Scoring;

public sealed class DetailProbe : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;
    public DetailProbe(ITestOutputHelper output) => _output = output;
    public void Dispose() => _temp.Dispose();

    private void Probe(Image<Rgb24> image, string name, string label)
    {
        var path = TestImages.SaveJpeg(image, _temp.File(label + ".jpg"), quality: 92);
        var photo = TestImages.Inspect(path);
        var layout = new PhotoCuration.Engine.Workspace.WorkspaceLayout(_temp.File("ws"));
        photo.Preprocess = new Preprocessor(layout, new PreprocessOptions()).Process(photo);
        using var fi = FeatureImage.Load(photo.Preprocess.StandardizedPath);
        using var g = new Gradients(fi);
        var sal = SpectralResidualSaliency.Compute(fi);
        var noise = WaveletNoise.Sigma(fi);
        var ex = Exposure.Measure(fi);
        var t = OctaveTensors.Measure(fi, g, 8, 5);
        var line = $"{name,-16} {label,-12}";
        foreach (var k in new[] { 2, 3, 4 })
        {
            var d = Detail.Measure(t, sal, noise, Math.Min(k, t.Octaves - 1));
            line += FormattableString.Invariant($" | K{k} s={d.Subject:0.00} f={d.Frame:0.00} w={d.Weakest:0.00} S={d.Strongest:0.00} m={d.MotionBlur:0.00} a={d.MotionAngle:000}");
        }
        var d0 = Detail.Measure(t, sal, 0, 3);
        line += FormattableString.Invariant($" | nn s={d0.Subject:0.00} w={d0.Weakest:0.00} | noise={noise:0.00} p50={ex.P50:0.00} p99={ex.P99:0.00} clip={ex.HighlightClip:0.000}");
        _output.WriteLine(line);
        File.AppendAllText("/tmp/judge/probe.txt", line + "\n");
    }

    public static IEnumerable<object[]> Photos() => CalibrationPhotos.All();

    [Theory]
    [MemberData(nameof(Photos))]
    public void Print(string name)
    {
        using var src = CalibrationPhotos.Load(name);
        Probe(src, name, "original");
        foreach (var s in new[] { 0.001, 0.002, 0.003, 0.005, 0.007 })
            using (var b = Degradations.GaussianBlur(src, s)) Probe(b, name, $"gauss{s * 100:0.0}");
        foreach (var (l, a) in new[] { (0.005, 30.0), (0.01, 99.0), (0.015, 0.0), (0.025, 135.0) })
            using (var b = Degradations.MotionBlur(src, l, a)) Probe(b, name, $"mot{l * 100:0.0}@{a}");
        foreach (var ev in new[] { -3.0, 3.0 })
            using (var b = Degradations.Exposure(src, ev)) Probe(b, name, $"ev{ev}");
        using (var b = Degradations.SignalNoise(src, 0.12)) Probe(b, name, "noise0.12");
        using (var b = Degradations.Mist(src)) Probe(b, name, "mist");
        using (var b = Degradations.Exposure(src, -2)) using (var c = Degradations.MotionBlur(b, 0.01, 60)) Probe(c, name, "dark+mot");
        using (var b = Degradations.Resized(src, 0.5)) Probe(b, name, "half");
        using (var b = Degradations.Upscaled(src, 0.5)) Probe(b, name, "upscaled");
    }
}
