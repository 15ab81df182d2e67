using System.Diagnostics;
using System.Globalization;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

/// <summary>
/// faces-eval &lt;model.onnx&gt; &lt;fixture dir&gt; [tile,refine,candidate,overlap]: detection by face size and on
/// face-free photos, with CPU time and model runs per photo. Real faces (skimage's astronaut, matplotlib's
/// Grace Hopper, from the face fixtures' folder) scaled to 24–200 px and set at seeded positions into the
/// mate-backgrounds nature photos at 1024 × 640, 20 frames per size; then the 22 face-free photos of the
/// detection proof and the other wallpapers in /usr/share/backgrounds. Config "0": the engine default;
/// else e.g. "256,n,0.25,128" (tile, r/n for the second look, candidate score, overlap).
/// docs/algorithms.md#faces
/// </summary>
internal static class FaceEvaluation
{
    public static int Run(string model, string fx, string config)
    {
        using var det = BlazeFaceDetector.OpenCpu(model, 1);
        var parts = config.Split(',');
        var options = config == "0" ? FaceDetectionOptions.Default : new FaceDetectionOptions
        {
            TileSize = int.Parse(parts[0], CultureInfo.InvariantCulture),
            Refine = parts[1] == "r",
            CandidateMinScore = double.Parse(parts[2], CultureInfo.InvariantCulture),
            TileOverlap = parts.Length > 3 ? int.Parse(parts[3], CultureInfo.InvariantCulture) : null,
        };
        var landscapes = Directory.GetFiles("/usr/share/backgrounds/mate/nature", "*.jpg").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var rng = new Random(11);
        var heads = new List<Image<Rgb24>>();
        foreach (var (source, fxx, fy, fs) in new[] { ("astronaut.png", 170, 50, 120), ("grace_hopper.png", 150, 100, 220) })
        {
            using var portrait = Image.Load<Rgb24>(Path.Combine(fx, source));
            var side = (int)(fs * 1.6);
            var region = new Rectangle(Math.Max(0, fxx + fs / 2 - side / 2), Math.Max(0, fy + fs / 2 - side / 2), 0, 0);
            region.Width = Math.Min(side, portrait.Width - region.X);
            region.Height = Math.Min(side, portrait.Height - region.Y);
            heads.Add(portrait.Clone(x => x.Crop(region)));
        }
        int[] fss = { 120, 220 };
        var proc = Process.GetCurrentProcess();
        double cpuFaces = 0; long infFaces = 0; int nFaces = 0, extraTotal = 0;
        foreach (var size in new[] { 24, 28, 32, 36, 40, 48, 64, 96, 128, 200 })
        {
            int found = 0, extra = 0;
            const int per = 20;
            for (var n = 0; n < per; n++)
            {
                var h = n % 2;
                using var frame = Image.Load<Rgb24>(landscapes[rng.Next(landscapes.Length)]);
                frame.Mutate(x => x.Resize(1024, 640));
                var scaled = (int)(heads[h].Width * size / (double)fss[h]);
                using var small = heads[h].Clone(x => x.Resize(scaled, scaled));
                var at = new Point(rng.Next(0, 1024 - scaled), rng.Next(0, 640 - scaled));
                frame.Mutate(x => x.DrawImage(small, at, 1f));
                using var image = FeatureImage.FromImage(frame);
                var c = new FacePoint(at.X + scaled / 2.0, at.Y + scaled / 2.0);
                bool Hit(FaceDetection f) => Math.Abs(f.Center.X - c.X) < size / 2.0 && Math.Abs(f.Center.Y - c.Y) < size / 2.0;
                proc.Refresh(); var t0 = proc.TotalProcessorTime; var i0 = det.Inferences;
                var faces = det.Detect(image, options);
                proc.Refresh(); cpuFaces += (proc.TotalProcessorTime - t0).TotalMilliseconds; nFaces++; infFaces += det.Inferences - i0;
                if (faces.Any(Hit)) found++;
                extra += faces.Count(f => !Hit(f));
            }
            extraTotal += extra;
            Console.WriteLine($"size {size}: {found}/{per} found, {extra} other");
        }
        Console.WriteLine($"face frames: {cpuFaces / nFaces:0.0} CPU-ms/photo, {infFaces / (double)nFaces:0.00} inferences/photo, {extraTotal} other detections");
        foreach (var (name, set) in new[] {
            ("22 face-free", landscapes.Concat(Directory.GetFiles(Path.Combine(fx, "nonface"))).ToList()),
            ("other backgrounds", Directory.GetFiles("/usr/share/backgrounds", "*.jpg").Where(f => !f.Contains("friends", StringComparison.Ordinal)).ToList()) })
        {
            int with = 0; double cpu = 0; long inf = 0;
            foreach (var file in set.OrderBy(f => f, StringComparer.Ordinal))
            {
                using var img = Image.Load<Rgb24>(file);
                var (w0, h0) = PhotoCuration.Engine.Preprocess.ImageSizing.FitLongEdge(img.Width, img.Height, 1024);
                img.Mutate(x => x.Resize(w0, h0));
                using var image = FeatureImage.FromImage(img);
                proc.Refresh(); var t0 = proc.TotalProcessorTime; var i0 = det.Inferences;
                var faces = det.Detect(image, options);
                proc.Refresh(); cpu += (proc.TotalProcessorTime - t0).TotalMilliseconds; inf += det.Inferences - i0;
                if (faces.Count > 0) { with++; Console.WriteLine($"  {Path.GetFileName(file)}: {string.Join(", ", faces.Select(f => $"{f.Score:0.000}@{f.Left:0},{f.Top:0} {f.Width:0}px"))}"); }
            }
            Console.WriteLine($"{name}: {with}/{set.Count} with a face, {cpu / set.Count:0.0} CPU-ms/photo, {inf / (double)set.Count:0.00} inferences/photo");
        }
        return 0;
    }
}
