using System.Diagnostics;
using System.Globalization;
using PhotoCuration.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

// Usage:
//   make-data <sourceDir> <outDir> <count> [width height]   camera-like JPEGs from real photographs
//   preprocess <inputDir> <count> [vips|imagesharp] [warmup] CPU ms per photo of the real Preprocessor, one thread, after [warmup] passes (2)
//   front <inputDir> <count> [handoff|files]               CPU ms per photo of ingest + preprocess + features, one thread,
//                                                          with the session's handoffs (one read) or reading the files as the cmdlets do
//   preprocess-hashes <inputDir> <count>                  SHA-256 of both derived images per photo (to compare engine versions)
//   vips-phases <inputDir> <count>                         CPU ms per phase of the libvips path, one thread
//   effres <inputDir> <count> [repeat]                     effective resolution of each ranking image (all digits) and its CPU ms
//   profile <inputDir> <count>                             time decode / orient / resize / encode per photo
//   features <inputDir> <count> [repeat]                   CPU time of each model-free feature on *_std.jpg
//   dump <inputDir> <count>                                the features of each *_std.jpg as JSON, one line each
//   brisque <inputDir> <count> [repeat]                    the 36 BRISQUE features of each *_std.jpg (all digits) and CPU ms per photo
//   composition <photo.jpg>...                             edge cut and Composition at 1024 px
//   faces <model.onnx> <photoDir> [photos] [repeat] [tile]       CPU ms per photo of the face engine at 1024 px (tile 0: default)
//   faces-eval <model.onnx> <fixtureDir> [tile,refine,candidate,overlap]  detection by face size and on face-free photos
//   archive-generate <workspace> <count>                   synthetic per-photo stage JSON of a <count>-photo batch
//   archive-run <workspace> [select] [load|group|export] [parts]   the global steps on it (through the one named): time and peak RSS per step;
//                                                          with [parts], on compact records, at most that many full photos at once
//   archive-anatomy <workspace>                            managed bytes per rebuilt photo, by part
return args.FirstOrDefault() switch
{
    "make-data" => MakeData(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture),
        args.Length > 5 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 6000, args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 4000),
    "preprocess" => PreprocessCpu(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : "vips",
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2),
    "front" => FrontCpu(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? args[3] : "handoff"),
    "preprocess-hashes" => PreprocessHashes(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "effres" => EffectiveResolutionValues(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5),
    "vips-phases" => VipsPhases(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "profile" => Profile(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "features" => ProfileFeatures(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1),
    "composition" => Composition(args.Skip(1).ToArray()),
    "brisque" => BrisqueValues(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3),
    "dump" => DumpFeatures(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "faces" => FaceBench.Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 12,
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3, args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0),
    "faces-eval" => FaceEvaluation.Run(args[1], args[2], args.Length > 3 ? args[3] : "0"),
    "archive-generate" => ArchiveScaleBench.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "archive-anatomy" => ArchiveScaleBench.Anatomy(args[1]),
    "archive-scan" => ArchiveScaleBench.Scan(args[1]),
    "archive-run" => ArchiveScaleBench.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400, args.Length > 3 ? args[3] : "export",
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null),
    "clip" => ClipBench.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16),
    _ => Usage(),
};

// Times each model-free feature on standardized (1024 px) images, one thread.
// Each phase runs `repeat` times per photo: CPU time is counted in scheduler ticks (10 ms on Linux), so
// short phases need many runs to be resolved.
static int ProfileFeatures(string inputDir, int count, int repeat)
{
    var files = Directory.EnumerateFiles(inputDir, "*_std.jpg", SearchOption.AllDirectories).OrderBy(Path.GetFileName, StringComparer.Ordinal).Take(count).ToList();
    var phases = new Dictionary<string, double>();
    // CPU time of this process rather than wall time: other work on a shared machine does not count.
    var process = Process.GetCurrentProcess();
    T Time<T>(string name, Func<T> f)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        var r = f();
        for (var i = 1; i < repeat; i++)
        {
            if (r is IDisposable d) d.Dispose();
            r = f();
        }
        process.Refresh();
        phases[name] = phases.GetValueOrDefault(name) + (process.TotalProcessorTime - before).TotalMilliseconds / repeat;
        return r;
    }
    // Warm-up: 40 extractions, so every method has been promoted to optimized (tier-1) code and the
    // pools hold their planes; a batch of hundreds of photos runs in that steady state.
    for (var i = 0; i < 40; i++) FeatureExtractorWarmUp(files[i % Math.Min(files.Count, 5)]);
    foreach (var file in files)
    {
        using var image = Time("decode+planes", () => PhotoCuration.Engine.Features.FeatureImage.Load(file));
        using var g = Time("sobel", () => new PhotoCuration.Engine.Features.Gradients(image));
        var sal = Time("saliency", () => PhotoCuration.Engine.Features.SpectralResidualSaliency.Compute(image));
        Time("sharpness", () => PhotoCuration.Engine.Features.Sharpness.Measure(image, g, sal));
        var e = Time("exposure", () => PhotoCuration.Engine.Features.Exposure.Measure(image));
        Time("noise", () => PhotoCuration.Engine.Features.WaveletNoise.Sigma(image));
        Time("detail octaves + motion blur", () => PhotoCuration.Engine.Features.Detail.Measure(image, g, sal, 0.5));
        Time("hashes", () => PhotoCuration.Engine.Features.PerceptualHash.PHash(image) ^ PhotoCuration.Engine.Features.PerceptualHash.DHash(image));
        Time("colour", () => PhotoCuration.Engine.Features.ColorFeatures.Measure(image));
        Time("composition", () => PhotoCuration.Engine.Features.CompositionFeatures.Measure(sal));
        Time("tilt", () => PhotoCuration.Engine.Features.HorizonTilt.Measure(g));
        Time("copy space", () => PhotoCuration.Engine.Features.CopySpace.Measure(image, g, sal));
        Time("all (extractor)", () => PhotoCuration.Engine.Features.FeatureExtractor.Extract(image, null, null));
        var png = Path.Combine(Path.GetTempPath(), $"pc-bench-sal-{Environment.ProcessId}.png");
        Time("saliency png", () => { PhotoCuration.Engine.Features.SpectralResidualSaliency.WritePng(sal, image.Width, image.Height, png); return 0; });
        Time("decode + all + png (Get-PhotoFeatures)", () => PhotoCuration.Engine.Features.FeatureExtractor.Extract(file, null, png));
        File.Delete(png);
    }
    Console.WriteLine($"feature,cpu_ms_per_photo (n={files.Count}, {repeat} runs each, one thread, after warm-up)");
    foreach (var (phase, total) in phases) Console.WriteLine(FormattableString.Invariant($"{phase},{total / files.Count:0.0}"));
    return 0;
}

// The BRISQUE features of each standardized image with all digits (two engine versions that print the same
// lines compute the same scores) and the CPU per photo of decoding the file and computing them, one thread,
// after a warm-up pass over the photos.
static int BrisqueValues(string inputDir, int count, int repeat)
{
    var files = Directory.EnumerateFiles(inputDir, "*_std.jpg", SearchOption.AllDirectories).OrderBy(Path.GetFileName, StringComparer.Ordinal).Take(count).ToList();
    foreach (var file in files) PhotoCuration.Engine.Models.BrisqueFeatures.Compute(file);
    var process = Process.GetCurrentProcess();
    var cpu = TimeSpan.Zero;
    foreach (var file in files)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        double[] features = Array.Empty<double>();
        for (var r = 0; r < repeat; r++) features = PhotoCuration.Engine.Models.BrisqueFeatures.Compute(file);
        process.Refresh();
        cpu += process.TotalProcessorTime - before;
        Console.WriteLine(Path.GetFileName(file) + " " + string.Join(' ', features.Select(f => f.ToString("R", CultureInfo.InvariantCulture))));
    }
    Console.WriteLine(FormattableString.Invariant($"brisque (decode + 36 features), cpu_ms_per_photo {cpu.TotalMilliseconds / (files.Count * repeat):0.00} ({files.Count} photos x {repeat})"));
    return 0;
}

// Prints the features of standardized images as stage JSON, one line per photo: to compare engine versions.
static int DumpFeatures(string inputDir, int count)
{
    foreach (var file in Directory.EnumerateFiles(inputDir, "*_std.jpg", SearchOption.AllDirectories).OrderBy(Path.GetFileName, StringComparer.Ordinal).Take(count))
    {
        var features = PhotoCuration.Engine.Features.FeatureExtractor.Extract(file, null, null);
        Console.WriteLine(Path.GetFileName(file) + " " + System.Text.Json.JsonSerializer.Serialize(features));
    }
    return 0;
}

// EdgeCut and Composition of photographs at the standardized size (1024 px long edge, Lanczos3 as
// preprocess) with the built-in theme: to check that clean landscapes are not read as cut subjects.
static int Composition(string[] files)
{
    var theme = PhotoCuration.Engine.Themes.ThemeLoader.BuiltIn();
    Console.WriteLine("photo,edge_cut,composition,rule_of_thirds,balance,horizon_tilt");
    foreach (var file in files)
    {
        using var source = Image.Load<Rgb24>(file);
        source.Mutate(c => c.Resize(source.Width >= source.Height ? 1024 : 0, source.Width >= source.Height ? 0 : 1024, KnownResamplers.Lanczos3));
        using var image = PhotoCuration.Engine.Features.FeatureImage.FromImage(source);
        var f = PhotoCuration.Engine.Features.FeatureExtractor.Extract(image, null, null);
        var score = PhotoCuration.Engine.Scoring.Scorecard.Score(f, theme, isLocked: false);
        Console.WriteLine(FormattableString.Invariant($"{Path.GetFileName(file)},{f.EdgeCut:0.00},{score.Composition:0.00},{f.RuleOfThirds:0.00},{f.Balance:0.00},{f.HorizonTilt:0.0}"));
    }
    return 0;
}

static void FeatureExtractorWarmUp(string file)
{
    var png = Path.Combine(Path.GetTempPath(), $"pc-bench-warm-{Environment.ProcessId}.png");
    PhotoCuration.Engine.Features.FeatureExtractor.Extract(file, null, png);
    File.Delete(png);
}

static int Usage()
{
    Console.Error.WriteLine("usage: make-data <sourceDir> <outDir> <count> [width height] | profile <inputDir> <count> | features <inputDir> <count> [repeat] | dump <inputDir> <count> | composition <photo.jpg>...");
    return 2;
}

// Each frame: a real photograph, cropped with a per-frame offset and zoom (like consecutive frames of a
// shoot), upscaled to the camera size, with luminance-dependent sensor noise, saved as a q92 4:2:0
// JPEG with EXIF capture times two seconds apart. Deterministic: same sources and count, same bytes.
static int MakeData(string sourceDir, string outDir, int count, int width, int height)
{
    var sources = Directory.EnumerateFiles(sourceDir, "*.jpg", SearchOption.AllDirectories)
        .Where(f => new FileInfo(f).Length > 100_000).OrderBy(f => f, StringComparer.Ordinal).ToList();
    if (sources.Count == 0) { Console.Error.WriteLine($"no photographs (*.jpg) under {sourceDir}"); return 1; }
    Directory.CreateDirectory(outDir);
    var start = new DateTime(2024, 6, 1, 15, 0, 0);
    var encoder = new JpegEncoder { Quality = 92, ColorType = JpegColorType.YCbCrRatio420 };
    for (var i = 0; i < count; i++)
    {
        var path = Path.Combine(outDir, $"DSC_{i + 1:0000}.jpg");
        if (File.Exists(path)) continue;
        var random = new Random(1000 + i);
        using var image = Image.Load<Rgb24>(sources[i % sources.Count]);
        var zoom = 0.75 + 0.2 * random.NextDouble();
        var cw = (int)(image.Width * zoom);
        var ch = Math.Min(image.Height, (int)(cw * height / (double)width));
        cw = (int)(ch * width / (double)height);
        var x = random.Next(0, Math.Max(1, image.Width - cw));
        var y = random.Next(0, Math.Max(1, image.Height - ch));
        image.Mutate(c => c.Crop(new Rectangle(x, y, cw, ch)).Resize(width, height, KnownResamplers.Bicubic));
        AddSensorNoise(image, random);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.DateTimeOriginal, start.AddSeconds(i * 2).ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
        image.Metadata.ExifProfile.SetValue(ExifTag.Make, "Bench");
        image.Metadata.ExifProfile.SetValue(ExifTag.Model, "Camera 24MP");
        var temp = path + ".tmp";
        image.SaveAsJpeg(temp, encoder);
        File.Move(temp, path, overwrite: true);
        Console.WriteLine($"{path} {new FileInfo(path).Length / 1_000_000.0:0.0} MB");
    }
    return 0;
}

// Shot noise grows with signal: sigma = 3 + 5 * sqrt(v/255) levels, independent per channel, as a
// mid-ISO camera file shows after its own noise reduction.
static void AddSensorNoise(Image<Rgb24> image, Random random)
{
    image.ProcessPixelRows(rows =>
    {
        for (var y = 0; y < rows.Height; y++)
        {
            var row = rows.GetRowSpan(y);
            for (var x = 0; x < row.Length; x++)
            {
                ref var p = ref row[x];
                p.R = Noisy(p.R, random);
                p.G = Noisy(p.G, random);
                p.B = Noisy(p.B, random);
            }
        }
    });
}

static byte Noisy(byte v, Random random)
{
    // Box–Muller on the fly is too slow for 72 M samples; a sum of three uniforms is close to Gaussian.
    var g = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2.0;
    var sigma = 3 + 5 * Math.Sqrt(v / 255.0);
    return (byte)Math.Clamp((int)Math.Round(v + g * sigma), 0, 255);
}

// The real Preprocessor (both outputs written) on one thread, CPU time per photo in steady state;
// "imagesharp" forces today's ImageSharp path for comparison with libvips shrink-on-load. Warm-up:
// [warmup] passes over the same photos into a throwaway workspace (default 2: with 20 photos every
// per-photo method passes the JIT's 30-call threshold for optimized code, as in a long batch, so the
// figure is not a short sample's JIT work; 0 measures from a cold process but two photos).
static int PreprocessCpu(string inputDir, int count, string decoder, int warmup)
{
    var files = Directory.EnumerateFiles(inputDir, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).Take(count).ToList();
    var workspace = Path.Combine(Path.GetTempPath(), $"pc-bench-pre-{Environment.ProcessId}");
    var layout = new PhotoCuration.Engine.Workspace.WorkspaceLayout(workspace);
    PhotoCuration.Engine.Preprocess.Preprocessor preprocessor;
    var inspector = new PhotoCuration.Engine.Ingest.PhotoInspector();
    var photos = files.Select(f => inspector.Inspect(f)).ToList();
    for (var pass = 0; pass < Math.Max(1, warmup); pass++)
    {
        preprocessor = new PhotoCuration.Engine.Preprocess.Preprocessor(layout, new PhotoCuration.Engine.Preprocess.PreprocessOptions()) { UseShrinkOnLoad = decoder != "imagesharp" };
        foreach (var photo in warmup == 0 ? photos.Take(2) : photos) preprocessor.Process(photo);
        Directory.Delete(workspace, recursive: true);
    }
    // Settle the background JIT before the measured pass.
    Thread.Sleep(500);
    preprocessor = new PhotoCuration.Engine.Preprocess.Preprocessor(layout, new PhotoCuration.Engine.Preprocess.PreprocessOptions()) { UseShrinkOnLoad = decoder != "imagesharp" };
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    var method = "";
    foreach (var photo in photos) method = preprocessor.Process(photo).ProcessingMethod;
    process.Refresh();
    Console.WriteLine(FormattableString.Invariant($"{decoder},{photos.Count} photos,cpu_ms_per_photo {(process.TotalProcessorTime - cpu).TotalMilliseconds / photos.Count:0.0},wall_ms_per_photo {wall.Elapsed.TotalMilliseconds / photos.Count:0.0},{method}"));
    Directory.Delete(workspace, recursive: true);
    return 0;
}

// The real Preprocessor's two images per photo, as SHA-256: two engine versions that print the same
// lines wrote byte-identical images.
static int PreprocessHashes(string inputDir, int count)
{
    var files = Directory.EnumerateFiles(inputDir, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).Take(count).ToList();
    var workspace = Path.Combine(Path.GetTempPath(), $"pc-bench-hashes-{Environment.ProcessId}");
    var preprocessor = new PhotoCuration.Engine.Preprocess.Preprocessor(new PhotoCuration.Engine.Workspace.WorkspaceLayout(workspace), new PhotoCuration.Engine.Preprocess.PreprocessOptions());
    var inspector = new PhotoCuration.Engine.Ingest.PhotoInspector();
    foreach (var file in files)
    {
        var result = preprocessor.Process(inspector.Inspect(file));
        string Sha(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..16];
        Console.WriteLine($"{Path.GetFileName(file)} {Sha(result.RankingPath)} {Sha(result.StandardizedPath)} {result.ProcessingMethod}");
    }
    Directory.Delete(workspace, recursive: true);
    return 0;
}

// Ingest, preprocess and features of each photo in turn on one thread, as the session streams them:
// "handoff" passes the original's bytes and the standardized JPEG from stage to stage in memory (one
// read per original), "files" reads them from disk as the separate cmdlets do. CPU and wall per photo
// after two warm-up photos, each stage's CPU too.
static int FrontCpu(string inputDir, int count, string mode)
{
    var files = Directory.EnumerateFiles(inputDir, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).Take(count).ToList();
    var handoff = mode == "handoff";
    var process = Process.GetCurrentProcess();
    var stageCpu = new double[3];
    double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalMilliseconds; }
    var cpu = 0.0;
    var wall = new Stopwatch();
    for (var pass = 0; pass < 2; pass++)
    {
        var workspace = Path.Combine(Path.GetTempPath(), $"pc-bench-front-{Environment.ProcessId}-{pass}");
        var layout = new PhotoCuration.Engine.Workspace.WorkspaceLayout(workspace);
        var originals = new PhotoCuration.Engine.Pipeline.Handoff<byte[]>();
        var standardized = new PhotoCuration.Engine.Pipeline.Handoff<byte[]>();
        var inspector = new PhotoCuration.Engine.Ingest.PhotoInspector();
        var preprocessor = new PhotoCuration.Engine.Preprocess.Preprocessor(layout, new PhotoCuration.Engine.Preprocess.PreprocessOptions())
        {
            Originals = handoff ? originals : null,
            StandardizedJpeg = handoff ? standardized : null,
        };
        var features = new PhotoCuration.Engine.Features.FeatureStage(layout) { StandardizedJpeg = handoff ? standardized : null };
        var batch = pass == 0 ? files.Take(2).ToList() : files;
        Array.Clear(stageCpu);
        var start = Cpu();
        wall.Restart();
        foreach (var file in batch)
        {
            var t0 = Cpu();
            var photo = inspector.Inspect(file, CancellationToken.None, handoff ? originals.Put : null);
            var t1 = Cpu();
            photo.Preprocess = preprocessor.Process(photo);
            var t2 = Cpu();
            photo.Features = features.Process(photo);
            var t3 = Cpu();
            stageCpu[0] += t1 - t0; stageCpu[1] += t2 - t1; stageCpu[2] += t3 - t2;
        }
        cpu = Cpu() - start;
        wall.Stop();
        Directory.Delete(workspace, recursive: true);
    }
    Console.WriteLine(FormattableString.Invariant($"front {mode},{files.Count} photos,cpu_ms_per_photo {cpu / files.Count:0.0},wall_ms_per_photo {wall.Elapsed.TotalMilliseconds / files.Count:0.0},ingest {stageCpu[0] / files.Count:0.0},preprocess {stageCpu[1] / files.Count:0.0},features {stageCpu[2] / files.Count:0.0}"));
    return 0;
}

// CPU time of each phase of the libvips path (VipsDecoder), one thread, after one warm-up photo.
// The effective-resolution measure on each photo's ranking pixels (libvips path, 2048 px): its fraction and
// region cutoffs with all digits (to compare engine versions) and the CPU per measure, one thread.
static int EffectiveResolutionValues(string inputDir, int count, int repeat)
{
    var files = Directory.EnumerateFiles(inputDir, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).Take(count).ToList();
    var photo = new PhotoCuration.Photo { Path = files[0] };
    var process = Process.GetCurrentProcess();
    var cpu = TimeSpan.Zero;
    foreach (var file in files)
    {
        var ranking = VipsDecoder.DecodeToLongEdge(File.ReadAllBytes(file), 2048, null, 250, TimeSpan.FromMinutes(1), photo, CancellationToken.None);
        var fraction = PhotoCuration.Engine.Preprocess.EffectiveResolution.Fraction(ranking.Data, ranking.Width, ranking.Height);
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var r = 0; r < repeat; r++) PhotoCuration.Engine.Preprocess.EffectiveResolution.Fraction(ranking.Data, ranking.Width, ranking.Height);
        process.Refresh();
        cpu += process.TotalProcessorTime - before;
        var cutoffs = PhotoCuration.Engine.Preprocess.EffectiveResolution.RegionCutoffs(ranking.Data, ranking.Width, ranking.Height);
        Console.WriteLine(FormattableString.Invariant($"{Path.GetFileName(file)} {fraction:R} {string.Join(' ', cutoffs.Select(c => c?.ToString("R", CultureInfo.InvariantCulture) ?? "-"))}"));
    }
    Console.WriteLine(FormattableString.Invariant($"effective resolution, cpu_ms_per_measure {cpu.TotalMilliseconds / (files.Count * repeat):0.00} ({files.Count} photos x {repeat})"));
    return 0;
}

static int VipsPhases(string inputDir, int count)
{
    var files = Directory.EnumerateFiles(inputDir, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).Take(count).ToList();
    var phases = new Dictionary<string, double>();
    var process = Process.GetCurrentProcess();
    T Time<T>(string name, Func<T> f)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        var r = f();
        process.Refresh();
        phases[name] = phases.GetValueOrDefault(name) + (process.TotalProcessorTime - before).TotalMilliseconds;
        return r;
    }
    var photo = new PhotoCuration.Photo { Path = files[0] };
    for (var pass = 0; pass < 2; pass++)
    {
        if (pass == 1) phases.Clear();
        foreach (var file in pass == 0 ? files.Take(1) : files)
        {
            var bytes = Time("read", () => File.ReadAllBytes(file));
            Time("sha256", () => System.Security.Cryptography.SHA256.HashData(bytes));
            Time("imagesharp identify", () => Image.Identify(bytes));
            Time("vips header (NewFromBuffer)", () => { using var h = NetVips.Image.NewFromBuffer(bytes, access: NetVips.Enums.Access.Sequential); return h.Width; });
            Time("(alt) vips header (NewFromSource, memory)", () => { using var source = NetVips.Source.NewFromMemory(bytes); using var h = NetVips.Image.NewFromSource(source, access: NetVips.Enums.Access.Sequential); return h.Width; });
            Time("vips decode 1/2 only", () => { using var i = NetVips.Image.JpegloadBuffer(bytes, shrink: 2, access: NetVips.Enums.Access.Sequential); return i.WriteToMemory<byte>(); });
            var ranking = Time("vips decode 1/2 + lanczos3 2048", () => VipsDecoder.DecodeToLongEdge(bytes, 2048, null, 250, TimeSpan.FromMinutes(1), photo, CancellationToken.None));
            Time("effective resolution (2048 px)", () => PhotoCuration.Engine.Preprocess.EffectiveResolution.Fraction(ranking.Data, ranking.Width, ranking.Height));
            Time("encode 2048 q92", () => VipsDecoder.EncodeJpeg(ranking, 92));
            var std = Time("lanczos3 2048 -> 1024", () => VipsDecoder.Resize(ranking, 1024, ranking.Height * 1024 / ranking.Width));
            Time("encode 1024 q92", () => VipsDecoder.EncodeJpeg(std, 92));
            Time("(alt) decode 1/2 random access + lanczos3 2048", () => { using var i = NetVips.Image.JpegloadBuffer(bytes, shrink: 2, access: NetVips.Enums.Access.Random); using var r = i.Resize(2048.0 / i.Width, kernel: NetVips.Enums.Kernel.Lanczos3, vscale: 1365.0 / i.Height); return r.WriteToMemory<byte>(); });
            Time("(alt) decode 1/2 sequential + reduce 2048", () => { using var i = NetVips.Image.JpegloadBuffer(bytes, shrink: 2, access: NetVips.Enums.Access.Sequential); using var r = i.Reduce((double)i.Width / 2048, (double)i.Height / 1365, kernel: NetVips.Enums.Kernel.Lanczos3); return r.WriteToMemory<byte>(); });
            Time("(alt) decode 1/2 sequential + resize 2048 (WriteToMemory)", () => { using var i = NetVips.Image.JpegloadBuffer(bytes, shrink: 2, access: NetVips.Enums.Access.Sequential); using var r = i.Resize(2048.0 / i.Width, kernel: NetVips.Enums.Kernel.Lanczos3, vscale: 1365.0 / i.Height); return r.WriteToMemory<byte>(); });
            Time("vips decode 1/2 to a sink (avg)", () => { using var i = NetVips.Image.JpegloadBuffer(bytes, shrink: 2, access: NetVips.Enums.Access.Sequential); return i.Avg(); });
        }
    }
    Console.WriteLine($"phase,cpu_ms_per_photo (n={files.Count}, one thread, libvips {VipsRuntime.Version})");
    foreach (var (phase, total) in phases) Console.WriteLine(FormattableString.Invariant($"{phase},{total / files.Count:0.0}"));
    return 0;
}

// Times each phase the way Preprocessor does it (same configuration, resampler and encoder).
static int Profile(string inputDir, int count)
{
    var files = Directory.EnumerateFiles(inputDir, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).Take(count).ToList();
    var configuration = ImagingConfiguration.Shared;
    var encoder = new JpegEncoder { Quality = 92, ColorType = JpegColorType.YCbCrRatio420 };
    var phases = new Dictionary<string, double>
    {
        ["read"] = 0, ["decode"] = 0, ["orient"] = 0, ["resize 2048 lanczos3"] = 0, ["encode 2048"] = 0,
        ["resize 1024 lanczos3"] = 0, ["encode 1024"] = 0, ["(alt) resize 2048 bicubic"] = 0,
    };
    var watch = new Stopwatch();
    double Time(Action action) { watch.Restart(); action(); return watch.Elapsed.TotalMilliseconds; }
    foreach (var file in files)
    {
        byte[] bytes = Array.Empty<byte>();
        phases["read"] += Time(() => bytes = File.ReadAllBytes(file));
        Image<Rgb24>? image = null;
        phases["decode"] += Time(() => image = Image.Load<Rgb24>(configuration, bytes));
        using (image)
        {
            phases["orient"] += Time(() => image!.Mutate(x => x.AutoOrient()));
            using (var alt = image!.Clone())
            {
                phases["(alt) resize 2048 bicubic"] += Time(() => alt.Mutate(x => x.Resize(2048, 0, KnownResamplers.Bicubic)));
            }
            phases["resize 2048 lanczos3"] += Time(() => image.Mutate(x => x.Resize(2048, 0, KnownResamplers.Lanczos3)));
            phases["encode 2048"] += Time(() => image.SaveAsJpeg(Stream.Null, encoder));
            Image<Rgb24>? std = null;
            phases["resize 1024 lanczos3"] += Time(() => std = image.Clone(x => x.Resize(1024, 0, KnownResamplers.Lanczos3)));
            using (std) phases["encode 1024"] += Time(() => std!.SaveAsJpeg(Stream.Null, encoder));
        }
    }
    Console.WriteLine($"phase,ms_per_photo (n={files.Count}, one thread)");
    foreach (var (phase, total) in phases) Console.WriteLine(FormattableString.Invariant($"{phase},{total / files.Count:0.0}"));
    return 0;
}
