using System.Diagnostics;
using System.Globalization;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// OpenCV itself, as a reference: Debian's <c>python3-opencv</c> run by the system interpreter
/// (<c>/usr/bin/python3</c>, not whichever python3 is first on PATH) with Debian's <c>opencv-data</c>
/// BRISQUE files. .ci/run installs both.
/// </summary>
public static class OpenCvPython
{
    public const string Python = "/usr/bin/python3";
    public const string QualityDir = "/usr/share/opencv4/quality";
    public static string BrisqueModel => Path.Combine(QualityDir, "brisque_model_live.yml");
    public static string BrisqueRange => Path.Combine(QualityDir, "brisque_range_live.yml");

    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>Why OpenCV's BRISQUE cannot run here, or null when it can.</summary>
    public static string? Missing => Problem.Value;

    private static string? FindProblem()
    {
        if (!File.Exists(Python)) return $"{Python} is missing (apt-get install python3-opencv)";
        if (!File.Exists(BrisqueModel) || !File.Exists(BrisqueRange)) return $"{QualityDir} has no BRISQUE files (apt-get install opencv-data)";
        var (code, _, error) = Run(new[] { "-c", "import cv2; cv2.quality.QualityBRISQUE_compute" }, TimeSpan.FromSeconds(60));
        return code == 0 ? null : $"{Python} cannot import cv2.quality (apt-get install python3-opencv): {error.Trim()}";
    }

    /// <summary>
    /// OpenCV's <c>cv2.quality.QualityBRISQUE_compute</c> on each image file (read by cv2.imread as
    /// 8-bit BGR), with the opencv-data model and range; NaN where OpenCV returns NaN.
    /// </summary>
    public static double[] Brisque(IReadOnlyList<string> images)
    {
        const string script = """
            import sys, cv2
            model, rng = sys.argv[1], sys.argv[2]
            for path in sys.argv[3:]:
                img = cv2.imread(path, cv2.IMREAD_COLOR)
                if img is None:
                    raise SystemExit("cannot read " + path)
                print(repr(float(cv2.quality.QualityBRISQUE_compute(img, model, rng)[0])))
            """;
        var (code, output, error) = Run(new[] { "-c", script, BrisqueModel, BrisqueRange }.Concat(images).ToArray(), TimeSpan.FromMinutes(10));
        if (code != 0) throw new InvalidOperationException($"OpenCV's BRISQUE failed (exit {code}): {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != images.Count) throw new InvalidOperationException($"OpenCV gave {lines.Length} scores for {images.Count} images: {output}");
        return lines.Select(l => l == "nan" ? double.NaN : double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
    }

    private static (int Code, string Output, string Error) Run(string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} did not finish in {timeout}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>
/// A fact that needs OpenCV (see <see cref="OpenCvPython"/>): skipped with the reason when it is
/// missing, unless <c>CI</c> is set, where a missing OpenCV must fail the run rather than pass silently.
/// </summary>
public sealed class OpenCvFactAttribute : Xunit.FactAttribute
{
    public OpenCvFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && OpenCvPython.Missing is { } problem)
        {
            Skip = $"OpenCV reference unavailable: {problem}. CI (CI set) fails instead.";
        }
    }
}
