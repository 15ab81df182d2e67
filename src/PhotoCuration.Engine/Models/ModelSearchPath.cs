namespace PhotoCuration.Engine.Models;

/// <summary>
/// Where models are looked for, in order (models/README.md): <c>-ModelPath</c>, then
/// <c>$env:PHOTOCURATION_MODELS</c> (several folders separated by the path separator), then the
/// module's own <c>models/</c> folder, then the system's OpenCV data folder
/// (<c>/usr/share/opencv4/quality</c>, Debian/Ubuntu's <c>opencv-data</c>), which holds OpenCV's
/// BRISQUE files. Folders that do not exist are skipped.
/// </summary>
public static class ModelSearchPath
{
    public const string EnvironmentVariable = "PHOTOCURATION_MODELS";
    /// <summary>Set to 1 to skip the system folders (a run that must not depend on installed packages, e.g. tests).</summary>
    public const string NoSystemVariable = "PHOTOCURATION_NO_SYSTEM_MODELS";
    /// <summary>Where Debian/Ubuntu's opencv-data installs brisque_model_live.yml and brisque_range_live.yml.</summary>
    public const string OpenCvQualityDir = "/usr/share/opencv4/quality";
    public const string SystemSource = "OpenCV";

    public static IReadOnlyList<(string Root, string Source)> Roots(string? modelPath, string? moduleModelsDir, string? environment = null, string? systemDir = null)
    {
        environment ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        var roots = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(modelPath)) roots.Add((Path.GetFullPath(modelPath), "ModelPath"));
        if (!string.IsNullOrWhiteSpace(environment))
        {
            foreach (var p in environment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                roots.Add((Path.GetFullPath(p), "Environment"));
            }
        }
        if (!string.IsNullOrWhiteSpace(moduleModelsDir)) roots.Add((Path.GetFullPath(moduleModelsDir), "Module"));
        if (!string.IsNullOrWhiteSpace(systemDir)) roots.Add((Path.GetFullPath(systemDir), SystemSource));
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return roots.Where(r => Directory.Exists(r.Item1) || File.Exists(r.Item1)).DistinctBy(r => r.Item1, comparer).ToList();
    }

    /// <summary>The system's OpenCV data folder when it exists (Linux with opencv-data) and is not switched off; else null.</summary>
    public static string? SystemDir(string? noSystem = null)
    {
        noSystem ??= Environment.GetEnvironmentVariable(NoSystemVariable);
        if (noSystem is "1" or "true" or "True" or "TRUE") return null;
        return Directory.Exists(OpenCvQualityDir) ? OpenCvQualityDir : null;
    }
}
