using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PhotoCuration;
using PhotoCuration.Engine.Core;
using PhotoCuration.Engine.Curation;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

/// <summary>
/// Archive scale on the coordinator (bench/README.md#archive-scale): synthetic per-photo stage records of
/// an N-photo batch written by the real stage records (ingest, preprocess, features, scoring, through
/// <see cref="StageDocumentWriter"/>), then the global steps run from the workspace as a coordinator runs
/// them: the scored photos rebuilt from the stage JSON, grouping into moments, selection and the curated
/// list, each with its wall time, CPU time and peak RSS (VmHWM, reset between steps).
/// </summary>
internal static class ArchiveScaleBench
{
    private const string BatchId = "archive";

    /// <summary>Writes the four per-photo stage documents of <paramref name="count"/> synthetic photos.</summary>
    public static int Generate(string workspace, int count)
    {
        var clock = Stopwatch.StartNew();
        var layout = new WorkspaceLayout(workspace);
        var theme = ThemeLoader.BuiltIn();
        var ingest = new BatchIngest(BatchId, layout, new UserOverrides(Array.Empty<string>(), Array.Empty<string>()), theme.Name);
        var preprocess = new PreprocessBatch(BatchId, layout, new PreprocessOptions());
        var features = new FeaturesBatch(BatchId, layout);
        var scoring = new ScoringBatch(BatchId, layout, theme);
        var random = new Random(42);
        var time = new DateTime(2019, 6, 1, 6, 0, 0, DateTimeKind.Unspecified);
        var n = 0;
        while (n < count)
        {
            // A burst of 1–12 frames seconds apart with hashes a few bits apart; 5 % without capture time.
            var hash = (ulong)random.NextInt64();
            var dhash = (ulong)random.NextInt64();
            var look = NewLook(random);
            var burst = random.Next(1, 13);
            for (var f = 0; f < burst && n < count; f++, n++)
            {
                var photo = NewPhoto(layout, n, random.Next(20) == 0 ? null : time, Flip(random, hash), Flip(random, dhash), look, random);
                ingest.Accept(photo);
                preprocess.Add(photo);
                features.Add(photo);
                photo.Score = Scorecard.Score(photo.Features!, theme, photo.IsLocked, photo.FileName);
                scoring.Add(photo);
                // The records keep what they write; the photo itself keeps only what ingest needs.
                photo.Features = null;
                photo.Preprocess = null;
                photo.Score = null;
                time = time.AddSeconds(random.Next(1, 4));
            }
            time = time.AddSeconds(random.Next(30, 600));
        }
        ingest.WriteStageJson();
        preprocess.WriteStageJson();
        features.WriteStageJson();
        scoring.WriteStageJson();
        Console.WriteLine(FormattableString.Invariant($"generated {count} photos in {clock.Elapsed.TotalSeconds:0.0} s, peak RSS {PeakRssMb()} MB"));
        foreach (var stage in new[] { "ingest", "preprocess", "features", "scoring" })
        {
            var path = layout.StageJsonPath(stage, BatchId);
            Console.WriteLine(FormattableString.Invariant($"  {stage}: {new FileInfo(path).Length / 1048576.0:0.0} MB"));
        }
        return 0;
    }

    /// <summary>Managed bytes per photo held by each part of the rebuilt photos (where the memory goes).</summary>
    public static int Anatomy(string workspace)
    {
        var photos = StageImporter.Import(new WorkspaceLayout(workspace).StageJsonPath("scoring", BatchId), workspace, true, _ => { }, _ => { }).Cast<Photo>().ToList();
        long Now() => GC.GetTotalMemory(forceFullCollection: true);
        var last = Now();
        void Drop(string part, Action<Photo> strip)
        {
            foreach (var p in photos) strip(p);
            var now = Now();
            Console.WriteLine(FormattableString.Invariant($"{part}: {(last - now) / (double)photos.Count:0} bytes per photo"));
            last = now;
        }
        Console.WriteLine(FormattableString.Invariant($"all: {last / (double)photos.Count:0} bytes per photo ({photos.Count} photos)"));
        Drop("score components", p => p.Score!.Components = Array.Empty<ScoreComponent>());
        Drop("rest of score", p => p.Score = null);
        Drop("luma grid", p => p.Features!.LumaGrid = Array.Empty<double>());
        Drop("rest of features", p => p.Features = null);
        Drop("preprocess", p => p.Preprocess = null);
        Drop("exif", p => p.Exif = new PhotoExif());
        Drop("photo", _ => { });
        photos.Clear();
        Console.WriteLine(FormattableString.Invariant($"left after the photos are gone: {Now() / 1048576.0:0} MB"));
        return 0;
    }

    /// <summary>CPU of one pass over each stage document's records: every record deserialized, or every one passed by (what a part of a partwise rebuild pays for the others).</summary>
    public static int Scan(string workspace)
    {
        var layout = new WorkspaceLayout(workspace);
        Scan<IngestStageDocument.PhotoIndexEntry>(layout, "ingest", "photo_index");
        Scan<PreprocessStageDocument.Artifact>(layout, "preprocess", "artifacts");
        Scan<FeaturesStageDocument.Artifact>(layout, "features", "artifacts");
        Scan<ScoringStageDocument.ScoreEntry>(layout, "scoring", "scores");
        return 0;
    }

    private static void Scan<T>(WorkspaceLayout layout, string stage, string records)
    {
        var path = layout.StageJsonPath(stage, BatchId);
        foreach (var skip in new[] { false, true })
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var n = StageJsonStream.Records<T>(path, records, skip ? _ => false : null).Count();
            process.Refresh();
            Console.WriteLine(FormattableString.Invariant($"{stage} ({new FileInfo(path).Length / 1048576.0:0} MB): {(skip ? "passed by" : "deserialized")} {n} records in {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} CPU-s"));
        }
    }

    /// <summary>Runs the global steps on the workspace, one line per step.</summary>
    /// <param name="through">Stop after this step: load, group, select or export (all).</param>
    /// <param name="partPhotos">When given, the steps run part by part on compact records (<see cref="PartwiseBatch"/>), at most this many full photos at once.</param>
    public static int Run(string workspace, int select, string through = "export", int? partPhotos = null)
    {
        if (partPhotos is { } part) return RunPartwise(workspace, select, through, part);
        var layout = new WorkspaceLayout(workspace);
        var theme = ThemeLoader.BuiltIn();
        var problems = 0;
        var warnings = new List<string>();
        Console.WriteLine("step,wall_s,cpu_s,peak_rss_mb,managed_mb_after,objects");

        var photos = Step("load scored photos (Import-PhotoStage scoring)", () =>
            StageImporter.Import(layout.StageJsonPath("scoring", BatchId), workspace, includeDropped: true, _ => problems++, warnings.Add).Cast<Photo>().ToList(), p => p.Count);
        var kept = photos.Where(p => p.Score is { IsDropped: false }).ToList();
        var dropped = photos.Where(p => p.Score is { IsDropped: true }).ToList();
        photos = null!;
        if (through == "load") return 0;

        var moments = Step("group into moments (Group-PhotoMoment)", () =>
        {
            var stage = new MomentStage(theme, MomentStage.ParametersFor(theme), calibrate: false, EmbeddingSource.For(kept));
            return BatchStageRun.Run(stage, new MomentStage.Input(BatchId, workspace, kept, Array.Empty<StageError>()), layout).Result.Moments;
        }, m => m.Count);
        if (through == "group") return 0;

        var set = Step("select (Select-CuratedSet)", () =>
            SelectionStep.Run(theme, SelectionOptions.FromTheme(theme), null, new ExplicitSelection { Count = select }, BatchId, layout, moments, dropped).Set, s => s.Count);

        Step("write the curated list (Export-CuratedList)", () =>
        {
            var stage = new ExportStage(approve: null, _ => problems++, (_, _) => problems++, warnings.Add);
            return stage.Run(new ExportStage.Input(set, workspace, new ExportOptions()), CancellationToken.None).Document;
        }, _ => set.Count);
        Console.WriteLine($"problems reported: {problems}; warnings: {warnings.Count}{(warnings.Count > 0 ? " (first: " + warnings[0] + ")" : "")}");
        Console.WriteLine($"process peak RSS since start: see each step; kept {kept.Count}, dropped {dropped.Count}, moments {moments.Count}, selected {set.Count}");
        return 0;
    }

    /// <summary>The same steps on compact records, full photos rebuilt part by part (docs/architecture.md#archive-scale).</summary>
    private static int RunPartwise(string workspace, int select, string through, int partPhotos)
    {
        var layout = new WorkspaceLayout(workspace);
        var theme = ThemeLoader.BuiltIn();
        var problems = 0;
        var warnings = new List<string>();
        Console.WriteLine($"partwise: at most {partPhotos} full photos at once");
        Console.WriteLine("step,wall_s,cpu_s,peak_rss_mb,managed_mb_after,objects");

        var batch = Step("load scored photos (compact records, part by part)", () =>
            PartwiseBatch.Load(StageImporter.PerPhotoContext(layout.StageJsonPath("scoring", BatchId), workspace, includeDropped: true, _ => problems++, warnings.Add), partPhotos),
            b => b.Kept.Count + b.Dropped.Count);
        if (through == "load") return 0;

        // The selection's candidates are gathered as the moments are ranked (their full photos at hand).
        var selection = SelectionStep.PreparePartwise(theme, SelectionOptions.FromTheme(theme), new ExplicitSelection { Count = select }, BatchId, layout, batch.Rebuild);
        var (kept, dropped) = Counts(batch);
        var moments = Step("group into moments (Group-PhotoMoment, partwise)", () =>
        {
            var stage = new PartwiseMomentStage(theme, MomentStage.ParametersFor(theme), calibrate: false);
            return BatchStageRun.Run(stage, new PartwiseMomentStage.Input(BatchId, workspace, batch.Kept, batch.Rebuild, Array.Empty<StageError>(), partPhotos,
                through == "group" ? null : selection.Candidates.Add), layout).Result.Moments.Count;
        }, m => m);
        // The grouping records go with the grouping; the selection holds its candidates only.
        batch = null!;
        if (through == "group") return 0;

        var set = Step("select (Select-CuratedSet, partwise)", () => SelectionStep.RunPartwise(selection, BatchId, layout).Set, s => s.Count);

        Step("write the curated list (Export-CuratedList)", () =>
        {
            var stage = new ExportStage(approve: null, _ => problems++, (_, _) => problems++, warnings.Add);
            return stage.Run(new ExportStage.Input(set, workspace, new ExportOptions()), CancellationToken.None).Document;
        }, _ => set.Count);
        Console.WriteLine($"kept {kept}, dropped {dropped}, moments {moments}, candidates held {selection.Candidates.Kept.Count}, selected {set.Count}");
        Console.WriteLine($"problems reported: {problems}; warnings: {warnings.Count}{(warnings.Count > 0 ? " (first: " + warnings[0] + ")" : "")}");
        return 0;
    }

    // Read in a frame of their own: a temporary of the caller's frame could keep the records alive for the whole run.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (int Kept, int Dropped) Counts(PartwiseBatch batch) => (batch.Kept.Count, batch.Dropped.Count);

    private static T Step<T>(string name, Func<T> run, Func<T, int> count)
    {
        ResetPeakRss();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = run();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var peak = PeakRssMb();
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576;
        Console.WriteLine(FormattableString.Invariant($"{name},{wall:0.00},{cpuSeconds:0.00},{peak},{managed},{count(result)}"));
        return result;
    }

    // Writing 5 to clear_refs resets the peak resident set size (Linux ≥ 4.0), so each step's peak is its own.
    private static void ResetPeakRss()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static long PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            // "VmHWM:" is followed by a tab, then spaces padding the number to 8 digits (none from 10 GB on).
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        return -1;
    }

    private static ulong Flip(Random random, ulong hash)
    {
        for (var b = random.Next(0, 5); b > 0; b--) hash ^= 1UL << random.Next(0, 64);
        return hash;
    }

    private sealed record Look(string[] Palette, double[] Shares, double[] LumaGrid, double Noise, double Detail);

    private static Look NewLook(Random r)
    {
        var palette = Enumerable.Range(0, 5).Select(_ => $"#{r.Next(0x1000000):X6}").ToArray();
        var shares = Enumerable.Range(0, 5).Select(i => Math.Round(0.3 - 0.04 * i, 4)).ToArray();
        var grid = Enumerable.Range(0, 64).Select(_ => Math.Round(r.NextDouble(), 4)).ToArray();
        return new Look(palette, shares, grid, 0.2 + r.NextDouble(), 1 + 3 * r.NextDouble());
    }

    private static Photo NewPhoto(WorkspaceLayout layout, int n, DateTime? time, ulong phash, ulong dhash, Look look, Random r)
    {
        var id = "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture)))).ToLowerInvariant();
        var name = $"IMG_{n:0000000}.jpg";
        var path = $"/archive/{2019 + n / 250000}/{n / 1000:0000}/{name}";
        var stem = $"IMG_{n:0000000}_{id[7..15]}";
        double Jitter(double v, double by) => Math.Round(v + (r.NextDouble() - 0.5) * by, 6);
        var detail = Jitter(look.Detail, 0.8);
        return new Photo
        {
            PhotoId = id,
            Path = path,
            FileName = name,
            Format = "Jpeg",
            FileSize = 6_000_000 + r.Next(1_000_000),
            Width = 6000,
            Height = 4000,
            Exif = new PhotoExif
            {
                CaptureTimeLocal = time,
                CaptureOffset = time is null ? null : TimeSpan.FromHours(2),
                CaptureTimeSource = time is null ? null : "DateTimeOriginal",
                CameraMake = "Nikon", CameraModel = "Z 6II", LensModel = "NIKKOR Z 24-70mm f/4 S",
                FocalLength = 24 + r.Next(47), FNumber = 4, ExposureTime = 1.0 / (60 + r.Next(2000)), Iso = 100 * (1 + r.Next(32)),
                Orientation = 1, Software = "Ver.1.10",
            },
            Preprocess = new PhotoPreprocess
            {
                OriginalPath = path,
                RankingPath = Path.Combine(layout.RankingDir, stem + "_rank.jpg"),
                StandardizedPath = Path.Combine(layout.StandardizedDir, stem + "_std.jpg"),
                OriginalWidth = 6000, OriginalHeight = 4000, RankingWidth = 2048, RankingHeight = 1365,
                StandardizedWidth = 1024, StandardizedHeight = 683, ProcessingMethod = "libvips shrink-on-load + lanczos3",
            },
            Features = new PhotoFeatures
            {
                Version = StageCatalog.Features.Version,
                Sharpness = Jitter(detail, 0.3), SubjectSharpness = Jitter(detail * 1.2, 0.3), LaplacianVariance = Jitter(0.9, 0.4),
                Detail = detail, FrameDetail = Jitter(detail, 0.2),
                DetailByDirection = Enumerable.Range(0, 8).Select(_ => Jitter(detail, 0.4)).ToArray(),
                MotionBlur = r.Next(10) == 0 ? Jitter(0.5, 0.5) : 0, MotionBlurAngle = 90, LocalContrast = Jitter(0.01, 0.01), Megapixels = 0.7,
                LumaMean = Jitter(0.5, 0.3), LumaP1 = Jitter(0.05, 0.05), LumaP5 = Jitter(0.1, 0.1), LumaP50 = Jitter(0.5, 0.3), LumaP95 = Jitter(0.85, 0.2), LumaP99 = Jitter(0.95, 0.1),
                HighlightClip = Jitter(0.005, 0.01), ChannelClip = Jitter(0.02, 0.04), ShadowClip = Jitter(0.005, 0.01), Contrast = Jitter(0.6, 0.3),
                NoiseSigma = Jitter(look.Noise, 0.2),
                PHash = phash.ToString("x16", CultureInfo.InvariantCulture), DHash = dhash.ToString("x16", CultureInfo.InvariantCulture),
                LumaGrid = look.LumaGrid.Select(v => Math.Round(v + (r.NextDouble() - 0.5) * 0.02, 4)).ToArray(),
                Colorfulness = Jitter(50, 60), Warmth = Jitter(0, 0.6), Saturation = Jitter(0.4, 0.4),
                Palette = look.Palette, PaletteShares = look.Shares,
                SaliencyPath = Path.Combine(layout.SaliencyDir, stem + "_sal.png"),
                SubjectX = Jitter(0.5, 0.4), SubjectY = Jitter(0.5, 0.4),
                RuleOfThirds = Jitter(0.6, 0.6), HorizonTilt = Jitter(0, 2), HorizonConfidence = Jitter(0.3, 0.5), EdgeCut = Jitter(0.2, 0.3), Balance = Jitter(0.7, 0.4),
                CopySpace = Jitter(0.3, 0.5), CopySpaceRect = new[] { 0.25, 0.25, 0.1875, 0.28125 }, TextColor = "black", TextContrast = Jitter(8, 6),
                TimeOfDay = "morning", TimeOfDaySource = time is null ? "unknown" : "exif", Orientation = "landscape",
            },
        };
    }
}
