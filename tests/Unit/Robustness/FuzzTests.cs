using PhotoCuration.Engine.Ingest;
using System.Diagnostics;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Robustness;

/// <summary>
/// Hostile input: thousands of deterministic mutations of valid files (truncation, bit flips, length
/// fields set to extremes, random chunks, spliced ranges) go through ingest and preprocess. Every case
/// must end, in bounded time and memory, either with a usable photo or with a PhotoInputException that
/// names the file; anything else is a defect (the batch would see an "UnexpectedError").
/// </summary>
public sealed class FuzzTests : IDisposable
{
    /// <summary>
    /// Cases per seed: 12 seeds × 500 = 6,000 cases, about 40 s on one core. A deeper run for a
    /// hunt: PHOTOCURATION_FUZZ_CASES=5000 (the cases are the same prefix, so CI cases stay reproducible).
    /// </summary>
    private static int CasesPerSeed =>
        int.TryParse(Environment.GetEnvironmentVariable("PHOTOCURATION_FUZZ_CASES"), out var n) && n > 0 ? n : 500;

    /// <summary>A case taking longer than this counts as a hang (a healthy case takes milliseconds).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    /// <summary>Decode limit inside the engine, small so a looping decoder is cut quickly.</summary>
    private static readonly TimeSpan DecodeLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Pixel limit for the fuzz run: a bit flip in a size field can declare gigapixels; refusing those
    /// before decoding is the defence under test, so keep it low enough that memory stays small.
    /// </summary>
    private const double MaxMegapixels = 4;

    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    public sealed record Outcome(bool Crashed, string Summary, TimeSpan Elapsed)
    {
        /// <summary>How much this case raised the process's peak working set.</summary>
        public long PeakGrowth { get; set; }
    }

    private Outcome Run(FuzzCorpus.Seed seed, int index, Preprocessor preprocessor, PhotoInspector inspector)
    {
        var bytes = FuzzCorpus.Mutate(seed, index);
        var path = _temp.File($"in/{seed.Name}-{index}{seed.Extension}");
        File.WriteAllBytes(path, bytes);
        var timer = Stopwatch.StartNew();
        var task = Task.Run(() =>
        {
            try
            {
                var photo = inspector.Inspect(path);
                CheckPhoto(photo);
                var result = preprocessor.Process(photo);
                CheckResult(result);
                return new Outcome(false, "ok", timer.Elapsed);
            }
            catch (PhotoInputException ex)
            {
                var clean = ex.FilePath == path && ex.Message.Contains(Path.GetFileName(path), StringComparison.Ordinal) && !string.IsNullOrEmpty(ex.ErrorId);
                return new Outcome(!clean, clean ? ex.ErrorId : $"unclean {ex.ErrorId}: target '{ex.FilePath}', message '{ex.Message}'", timer.Elapsed);
            }
            catch (Exception ex)
            {
                return new Outcome(true, $"{ex.GetType().Name}: {ex.Message} at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}", timer.Elapsed);
            }
        });
        if (!task.Wait(HangLimit)) return new Outcome(true, $"hang: still running after {HangLimit.TotalSeconds} s", timer.Elapsed);
        return task.Result;
    }

    /// <summary>What a photo that passed ingest must satisfy, however odd its bytes.</summary>
    private static void CheckPhoto(Photo photo)
    {
        if (photo.Width <= 0 || photo.Height <= 0) throw new InvalidOperationException($"accepted with size {photo.Width}x{photo.Height}");
        if ((double)photo.Width * photo.Height > MaxMegapixels * 1_000_000) throw new InvalidOperationException("accepted over the pixel limit");
        foreach (var text in new[] { photo.Exif.CameraMake, photo.Exif.CameraModel, photo.Exif.ImageDescription, photo.Exif.Artist, photo.Exif.Copyright, photo.Exif.Software, photo.Exif.LensModel, photo.Exif.BodySerial, photo.Exif.ColorProfile })
        {
            if (text is null) continue;
            if (text.Length > ExifReader.MaxStringLength) throw new InvalidOperationException($"EXIF text of {text.Length} characters");
            if (text.Any(char.IsControl)) throw new InvalidOperationException("EXIF text with control characters");
        }
        if (photo.Exif.Orientation is < 1 or > 8) throw new InvalidOperationException($"orientation {photo.Exif.Orientation}");
        _ = StageJson.Serialize(ExifRecord.From(photo.Exif)); // must be writable as JSON
    }

    private static void CheckResult(PhotoPreprocess result)
    {
        if (!File.Exists(result.RankingPath) || !File.Exists(result.StandardizedPath)) throw new InvalidOperationException("derived image missing");
        if (Math.Max(result.RankingWidth, result.RankingHeight) > 2048) throw new InvalidOperationException("ranking image too large");
    }

    [Fact]
    public void Thousands_of_mutated_files_end_cleanly_in_bounded_time_and_memory()
    {
        var layout = new WorkspaceLayout(_temp.File("ws"));
        var preprocessor = new Preprocessor(layout, new PreprocessOptions { MaxMegapixels = MaxMegapixels, DecodeTimeout = DecodeLimit });
        var inspector = new PhotoInspector(MaxMegapixels);
        var failures = new List<string>();
        var byOutcome = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var slowest = TimeSpan.Zero;
        var slowestCase = "";
        var cases = 0;
        // The process's peak so far includes every test that ran before or beside this one; what this
        // test bounds is how far the fuzz run itself raises it.
        var peakAtStart = Process.GetCurrentProcess().PeakWorkingSet64;
        var total = Stopwatch.StartNew();
        foreach (var seed in FuzzCorpus.Seeds)
        {
            for (var i = 0; i < CasesPerSeed; i++)
            {
                var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
                var outcome = Run(seed, i, preprocessor, inspector);
                outcome.PeakGrowth = Process.GetCurrentProcess().PeakWorkingSet64 - peakBefore;
                if (outcome.PeakGrowth > 200L << 20) failures.Add($"{seed.Name}#{i} ({FuzzCorpus.KindOf(i)}): raised the peak working set by {outcome.PeakGrowth >> 20} MB");
                cases++;
                var key = outcome.Crashed ? "CRASH" : outcome.Summary;
                byOutcome[key] = byOutcome.GetValueOrDefault(key) + 1;
                if (outcome.Crashed) failures.Add($"{seed.Name}#{i} ({FuzzCorpus.KindOf(i)}): {outcome.Summary}");
                if (outcome.Elapsed > slowest) (slowest, slowestCase) = (outcome.Elapsed, $"{seed.Name}#{i}");
                File.Delete(_temp.File($"in/{seed.Name}-{i}{seed.Extension}"));
            }
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        _output.WriteLine($"fuzz: {cases} cases in {total.Elapsed.TotalSeconds:0.0} s; slowest {slowestCase} {slowest.TotalMilliseconds:0} ms; peak working set {peak / (1 << 20)} MB");
        foreach (var (outcome, count) in byOutcome) _output.WriteLine($"  {outcome}: {count}");
        foreach (var failure in failures.Take(50)) _output.WriteLine("  FAIL " + failure);
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(byOutcome.GetValueOrDefault("ok") > 0 && byOutcome.Count > 3, "the mutations should give both usable photos and several kinds of errors");
        Assert.True(peak - peakAtStart < 1_000_000_000L, $"the fuzz run raised the peak working set from {peakAtStart / (1 << 20)} MB to {peak / (1 << 20)} MB");
    }

    public void Dispose() => _temp.Dispose();
}
