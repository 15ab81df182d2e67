namespace PhotoCuration.Engine.Models;

/// <summary>
/// Where models are looked for, in order (SPEC section 6): <c>-ModelPath</c>, then
/// <c>$env:PHOTOCURATION_MODELS</c> (several folders separated by the path separator), then the
/// module's own <c>models/</c> folder. Folders that do not exist are skipped.
/// </summary>
public static class ModelSearchPath
{
    public const string EnvironmentVariable = "PHOTOCURATION_MODELS";

    public static IReadOnlyList<(string Root, string Source)> Roots(string? modelPath, string? moduleModelsDir, string? environment = null)
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
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return roots.Where(r => Directory.Exists(r.Item1) || File.Exists(r.Item1)).DistinctBy(r => r.Item1, comparer).ToList();
    }
}
