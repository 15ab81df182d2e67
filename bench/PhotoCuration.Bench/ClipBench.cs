using System.Diagnostics;
using System.Globalization;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

/// <summary>
/// clip &lt;workDir&gt; [photos]: CPU throughput of a ViT-B/32-shaped image encoder written by the tests'
/// ONNX writer (images/second at batch 1, 8, 32), then the features stage rate on standardized images
/// with and without the model (workers = processors, as Get-PhotoFeatures).
/// </summary>
internal static class ClipBench
{
    public static int Run(string workDir, int photos)
    {
        var models = Path.Combine(workDir, "models");
        if (!Directory.Exists(Path.Combine(models, "ViT-B-32-shaped")))
        {
            ImmichModelFactory.WriteClipFolder(models, "ViT-B-32-shaped", new ImmichModelFactory.Options { VitB32 = true, FixedBatch = false, Dim = 512 });
        }
        var workers = Environment.ProcessorCount;
        var folder = ClipModelFolder.Open(Path.Combine(models, "ViT-B-32-shaped"));
        Console.WriteLine($"processors {workers}; model {folder.VisualPath} ({new FileInfo(folder.VisualPath).Length / 1e6:0.0} MB)");
        using (var clip = new ClipModel(folder, ExecutionProviderChoice.Select(ModelDevice.Cpu, 1), 32))
        {
            var rng = new Random(1);
            var tensor = Enumerable.Range(0, 3 * 224 * 224).Select(_ => (float)rng.NextDouble()).ToArray();
            clip.Image.Encode(new[] { tensor }); // warm-up
            foreach (var batch in new[] { 1, 8, 32 })
            {
                var inputs1 = Enumerable.Repeat(tensor, batch).ToList();
                var runs = Math.Max(1, 32 / batch);
                var cpu = CpuSeconds();
                var sw = Stopwatch.StartNew();
                for (var r = 0; r < runs; r++) clip.Image.Encode(inputs1);
                var n = runs * batch;
                Console.WriteLine(FormattableString.Invariant($"encoder batch {batch,2}: {n / sw.Elapsed.TotalSeconds:0.0} images/s wall, {n / (CpuSeconds() - cpu):0.0} images per CPU-second (intra-op threads {workers})"));
            }
        }

        var layout = new WorkspaceLayout(Path.Combine(workDir, "ws-" + DateTime.UtcNow.Ticks));
        var inputs = Directory.CreateDirectory(Path.Combine(workDir, "in")).FullName;
        var list = new List<PhotoCuration.Photo>();
        for (var i = 0; i < photos; i++)
        {
            var path = Path.Combine(inputs, $"p{i:000}.jpg");
            if (!File.Exists(path)) Synthetic(path, i);
            var photo = new PhotoCuration.Engine.Ingest.PhotoInspector().Inspect(path);
            photo.Preprocess = new Preprocessor(layout, new PreprocessOptions()).Process(photo);
            list.Add(photo);
        }
        (double Wall, double Cpu) Rate(FeatureStage stage)
        {
            var cpu = CpuSeconds();
            var sw = Stopwatch.StartNew();
            Parallel.ForEach(list, new ParallelOptions { MaxDegreeOfParallelism = workers }, p => stage.Process(p));
            return (list.Count / sw.Elapsed.TotalSeconds, (CpuSeconds() - cpu) / list.Count * 1000);
        }
        var plain = Rate(new FeatureStage(layout));
        using var pipeline = ModelPipeline.Create(new ModelCatalog(ModelSearchPath.Roots(models, null, "")), ModelDevice.Cpu, workers, Console.WriteLine)!;
        var withModel = Rate(new FeatureStage(layout, new ModelFeatures(pipeline, layout, new[] { "warm golden light" })));
        var (batches, items) = pipeline.Batcher?.Counts ?? (0, 0);
        Console.WriteLine(FormattableString.Invariant($"features stage, {list.Count} photos (1024 px standardized), {workers} workers: model-free {plain.Wall:0.00} photos/s wall ({plain.Cpu:0} CPU-ms/photo); with ViT-B/32-shaped CLIP {withModel.Wall:0.00} photos/s wall ({withModel.Cpu:0} CPU-ms/photo) ({items} images in {batches} batches)"));
        return 0;
    }

    /// <summary>CPU time of this process: other jobs on a shared machine do not count.</summary>
    private static double CpuSeconds()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    private static void Synthetic(string path, int seed)
    {
        using var image = new Image<Rgb24>(1600, 1067);
        var rng = new Random(seed);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var n = rng.Next(24);
                    row[x] = new Rgb24((byte)(x * 255 / row.Length / 2 + n + seed * 7 % 60), (byte)(y * 255 / rows.Height / 2 + n), (byte)(120 + n));
                }
            }
        });
        image.SaveAsJpeg(path);
    }
}
