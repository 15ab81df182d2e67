using System.Text.Json;

namespace PhotoCuration.Tests.Samples;

/// <summary>
/// The real photographs of the judgment shoots (tests/Data/judgment-sources.json): Debian wallpaper
/// packages that .ci/run installs. Tests that need them skip on a developer machine without them, but
/// fail in CI (CI or PHOTOCURATION_REQUIRE_PHOTOS set), so a missing package can never pass silently.
/// </summary>
public static class JudgmentSources
{
    public const string RequireVariable = "PHOTOCURATION_REQUIRE_PHOTOS";

    public sealed record Entry(string Package, string Path, string Kind, string Split);

    public static string ManifestPath => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", "judgment-sources.json");

    public static IReadOnlyList<Entry> All()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ManifestPath));
        return doc.RootElement.GetProperty("sources").EnumerateArray()
            .Select(e => new Entry(e.GetProperty("package").GetString()!, e.GetProperty("path").GetString()!, e.GetProperty("kind").GetString()!, e.GetProperty("split").GetString()!))
            .ToList();
    }

    public static bool Required
    {
        get
        {
            var ci = Environment.GetEnvironmentVariable("CI");
            return Environment.GetEnvironmentVariable(RequireVariable) == "1" || (!string.IsNullOrEmpty(ci) && !ci.Equals("false", StringComparison.OrdinalIgnoreCase));
        }
    }

    public static bool Installed => All().All(e => File.Exists(e.Path));
}

/// <summary>A fact on the judgment photos: skipped when they are not installed, unless CI requires them (then it runs and fails).</summary>
public sealed class JudgmentPhotosFactAttribute : Xunit.FactAttribute
{
    public JudgmentPhotosFactAttribute()
    {
        if (!JudgmentSources.Installed && !JudgmentSources.Required)
        {
            Skip = "judgment photos not installed (apt-get install plasma-workspace-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 mate-backgrounds); CI fails instead";
        }
    }
}
