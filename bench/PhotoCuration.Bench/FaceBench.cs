using System.Diagnostics;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

/// <summary>
/// faces &lt;model.onnx&gt; &lt;photo dir&gt; [photos] [repeat]: CPU and wall milliseconds per photo of the face
/// stage's engine (BlazeFace on the whole frame and the 256-px tiles, mirror check, weighted merge, and
/// the per-face measures) on photos standardized to 1024 px, one thread (intra-op 1), after a warm-up.
/// Also the whole-frame-only figure, so the tiles' share shows. docs/algorithms.md#faces
/// </summary>
internal static class FaceBench
{
    public static int Run(string model, string dir, int photos, int repeat, int tileSize)
    {
        var files = Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal).Take(photos).ToList();
        if (files.Count == 0) { Console.Error.WriteLine($"no .jpg or .png in {dir}"); return 2; }
        var images = files.Select(Standardize).ToList();
        using var detector = BlazeFaceDetector.OpenCpu(model, intraOpThreads: 1);
        var analyzer = new FaceAnalyzer(detector, null, new FaceDetectionOptions { TileSize = tileSize });
        var whole = new FaceDetectionOptions { Tiles = false };
        foreach (var image in images.Take(3)) { analyzer.Measure(image); detector.Detect(image, whole); }

        var (cpu, wall, faces) = Time(images, repeat, image => analyzer.Measure(image).Count);
        var (cpuWhole, wallWhole, _) = Time(images, repeat, image => detector.Detect(image, whole).Count);
        var windows = images.Average(i => FaceTiling.Windows(i.Width, i.Height, true, tileSize).Count);
        Console.WriteLine(FormattableString.Invariant(
            $"face stage, tiles of {tileSize} px, {images.Count} photos at 1024 px ({windows:0.0} windows each), 1 thread: {cpu:0.0} CPU-ms/photo ({wall:0.0} ms wall) with tiles, mirror check and measures; whole frame only {cpuWhole:0.0} CPU-ms ({wallWhole:0.0} ms wall); {faces} faces"));
        foreach (var image in images) image.Dispose();
        return 0;
    }

    private static FeatureImage Standardize(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        var (w, h) = ImageSizing.FitLongEdge(image.Width, image.Height, 1024);
        if (w != image.Width || h != image.Height) image.Mutate(x => x.Resize(w, h));
        return FeatureImage.FromImage(image);
    }

    private static (double CpuMs, double WallMs, int Faces) Time(List<FeatureImage> images, int repeat, Func<FeatureImage, int> run)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var faces = 0;
        for (var r = 0; r < repeat; r++) foreach (var image in images) faces += run(image);
        sw.Stop();
        process.Refresh();
        var n = (double)images.Count * repeat;
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds / n, sw.Elapsed.TotalMilliseconds / n, faces / repeat);
    }
}
