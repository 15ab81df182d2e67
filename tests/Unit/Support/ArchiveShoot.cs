using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// Synthetic per-photo stage records of a batch, written by the real stage records (ingest, preprocess,
/// features, scoring), as bench/ArchiveScaleBench writes an archive (docs/architecture.md#archive-scale):
/// bursts of 1–12 frames seconds apart with hashes a few bits apart, some without capture time, some
/// blown frames the gate drops, exact copies of some photos, and locked and excluded ones.
/// </summary>
public static class ArchiveShoot
{
    public const string BatchId = "archive";

    /// <summary>Writes the four documents of <paramref name="count"/> photos (plus copies) into <paramref name="workspace"/>; returns the scoring document's path.</summary>
    /// <param name="copyEvery">Every n-th photo gets an exact copy under another name.</param>
    /// <param name="lockIn">File names to lock in; <paramref name="exclude"/>: file names to exclude.</param>
    public static string Write(string workspace, int count, int seed, int copyEvery, IEnumerable<string>? lockIn = null, IEnumerable<string>? exclude = null)
    {
        var layout = new WorkspaceLayout(workspace);
        var theme = ThemeLoader.BuiltIn();
        var ingest = new BatchIngest(BatchId, layout, new UserOverrides(lockIn, exclude), theme.Name);
        var preprocess = new PreprocessBatch(BatchId, layout, new PreprocessOptions());
        var features = new FeaturesBatch(BatchId, layout);
        var scoring = new ScoringBatch(BatchId, layout, theme);
        var random = new Random(seed);
        var time = new DateTime(2019, 6, 1, 6, 0, 0, DateTimeKind.Unspecified);
        var n = 0;
        while (n < count)
        {
            var hash = (ulong)random.NextInt64();
            var dhash = (ulong)random.NextInt64();
            var palette = Enumerable.Range(0, 5).Select(_ => $"#{random.Next(0x1000000):X6}").ToArray();
            var grid = Enumerable.Range(0, 64).Select(_ => Math.Round(random.NextDouble(), 4)).ToArray();
            var detail = 1 + 3 * random.NextDouble();
            var burst = random.Next(1, 13);
            for (var f = 0; f < burst && n < count; f++, n++)
            {
                var photo = NewPhoto(layout, n, random.Next(20) == 0 ? null : time, Flip(random, hash), Flip(random, dhash), palette, grid, detail, random);
                ingest.Accept(photo);
                if (n % copyEvery == copyEvery - 1) ingest.Accept(Copy(photo));
                preprocess.Add(photo);
                features.Add(photo);
                photo.Score = Scorecard.Score(photo.Features!, theme, photo.IsLocked, photo.FileName);
                scoring.Add(photo);
                time = time.AddSeconds(random.Next(1, 4));
            }
            time = time.AddSeconds(random.Next(30, 600));
        }
        ingest.WriteStageJson();
        preprocess.WriteStageJson();
        features.WriteStageJson();
        scoring.WriteStageJson();
        return layout.StageJsonPath("scoring", BatchId);
    }

    /// <summary>The file name of the n-th photo.</summary>
    public static string Name(int n) => $"IMG_{n:0000000}.jpg";

    private static ulong Flip(Random random, ulong hash)
    {
        for (var b = random.Next(0, 5); b > 0; b--) hash ^= 1UL << random.Next(0, 64);
        return hash;
    }

    /// <summary>An exact copy: the same id and records, another file.</summary>
    private static Photo Copy(Photo photo) => new()
    {
        PhotoId = photo.PhotoId, Path = photo.Path.Replace(".jpg", " (1).jpg", StringComparison.Ordinal), FileName = photo.FileName.Replace(".jpg", " (1).jpg", StringComparison.Ordinal),
        Format = photo.Format, FileSize = photo.FileSize, Width = photo.Width, Height = photo.Height, Exif = photo.Exif,
    };

    private static Photo NewPhoto(WorkspaceLayout layout, int n, DateTime? time, ulong phash, ulong dhash, string[] palette, double[] grid, double detail, Random r)
    {
        var id = "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture)))).ToLowerInvariant();
        var name = Name(n);
        var path = $"/archive/{n / 1000:0000}/{name}";
        var stem = $"IMG_{n:0000000}_{id[7..15]}";
        double Jitter(double v, double by) => Math.Round(v + (r.NextDouble() - 0.5) * by, 6);
        // One frame in 40 is blown: the gate drops it, and grouping places it by time.
        var blown = r.Next(40) == 0;
        var d = Jitter(detail, 0.8);
        return new Photo
        {
            PhotoId = id, Path = path, FileName = name, Format = "Jpeg", FileSize = 6_000_000 + r.Next(1_000_000), Width = 6000, Height = 4000,
            Exif = new PhotoExif
            {
                CaptureTimeLocal = time, CaptureOffset = time is null ? null : TimeSpan.FromHours(2), CaptureTimeSource = time is null ? null : "DateTimeOriginal",
                CameraMake = "Nikon", CameraModel = "Z 6II", FocalLength = 24 + r.Next(47), FNumber = 4, ExposureTime = 1.0 / (60 + r.Next(2000)), Iso = 100 * (1 + r.Next(32)), Orientation = 1,
            },
            Preprocess = new PhotoPreprocess
            {
                OriginalPath = path,
                RankingPath = Path.Combine(layout.RankingDir, stem + "_rank.jpg"),
                StandardizedPath = Path.Combine(layout.StandardizedDir, stem + "_std.jpg"),
                OriginalWidth = 6000, OriginalHeight = 4000, RankingWidth = 2048, RankingHeight = 1365, StandardizedWidth = 1024, StandardizedHeight = 683, ProcessingMethod = "synthetic",
            },
            Features = new PhotoFeatures
            {
                Version = StageCatalog.Features.Version,
                Sharpness = Jitter(d, 0.3), SubjectSharpness = Jitter(d * 1.2, 0.3), LaplacianVariance = Jitter(0.9, 0.4), Detail = d, FrameDetail = Jitter(d, 0.2),
                DetailByDirection = Enumerable.Range(0, 8).Select(_ => Jitter(d, 0.4)).ToArray(),
                MotionBlur = r.Next(10) == 0 ? Jitter(0.5, 0.5) : 0, MotionBlurAngle = 90, LocalContrast = Jitter(0.01, 0.01), Megapixels = 0.7,
                LumaMean = blown ? 0.98 : Jitter(0.5, 0.3), LumaP1 = Jitter(0.05, 0.05), LumaP5 = Jitter(0.1, 0.1), LumaP50 = blown ? 0.99 : Jitter(0.5, 0.3),
                LumaP95 = blown ? 1 : Jitter(0.85, 0.2), LumaP99 = blown ? 1 : Jitter(0.95, 0.1),
                HighlightClip = blown ? 0.7 : Jitter(0.005, 0.01), ChannelClip = Jitter(0.02, 0.04), ShadowClip = Jitter(0.005, 0.01), Contrast = Jitter(0.6, 0.3),
                NoiseSigma = Jitter(0.5, 0.4),
                PHash = phash.ToString("x16", CultureInfo.InvariantCulture), DHash = dhash.ToString("x16", CultureInfo.InvariantCulture),
                LumaGrid = grid.Select(v => Math.Round(Math.Clamp(v + (r.NextDouble() - 0.5) * 0.02, 0, 1), 4)).ToArray(),
                Colorfulness = Jitter(50, 60), Warmth = Jitter(0, 0.6), Saturation = Jitter(0.4, 0.4),
                Palette = palette, PaletteShares = new[] { 0.3, 0.26, 0.22, 0.18, 0.04 },
                SaliencyPath = Path.Combine(layout.SaliencyDir, stem + "_sal.png"),
                SubjectX = Jitter(0.5, 0.4), SubjectY = Jitter(0.5, 0.4), RuleOfThirds = Jitter(0.6, 0.6), HorizonTilt = Jitter(0, 2), HorizonConfidence = Jitter(0.3, 0.5),
                EdgeCut = Jitter(0.2, 0.3), Balance = Jitter(0.7, 0.4), CopySpace = Jitter(0.3, 0.5), CopySpaceRect = new[] { 0.25, 0.25, 0.1875, 0.28125 },
                TextColor = "black", TextContrast = Jitter(8, 6),
                TimeOfDay = r.Next(3) switch { 0 => "morning", 1 => "golden", _ => "afternoon" }, TimeOfDaySource = time is null ? "unknown" : "exif",
                Orientation = r.Next(5) == 0 ? "portrait" : "landscape",
            },
        };
    }
}
