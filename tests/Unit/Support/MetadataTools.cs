using System.Diagnostics;
using System.Text.Json;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// Debian's exiftool (libimage-exiftool-perl) and exiv2, the readers photo tools are built on, reading
/// back what the export wrote. .ci/run installs both.
/// </summary>
public static class MetadataTools
{
    public const string RequireVariable = "PHOTOCURATION_REQUIRE_EXIFTOOL";

    /// <summary>Why the tools cannot run here, or null.</summary>
    public static string? Missing =>
        Which("exiftool") is null ? "exiftool is not installed (apt-get install libimage-exiftool-perl)"
        : Which("exiv2") is null ? "exiv2 is not installed (apt-get install exiv2)"
        : null;

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    /// <summary>exiftool's tags of a file (-G1 group names, -n numbers), as "Group:Tag" → JSON value.</summary>
    public static Dictionary<string, JsonElement> Exiftool(string path, params string[] extra)
    {
        var args = new List<string> { "-j", "-G1", "-n", "-a", "-struct" };
        args.AddRange(extra);
        args.Add(path);
        var (code, output, error) = Run("exiftool", args);
        if (code != 0) throw new InvalidOperationException($"exiftool failed on {path} (exit {code}): {error}");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement[0].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>exiv2's XMP properties of a file ("Xmp.xmp.Rating" → value), or its EXIF ones with <paramref name="group"/> E.</summary>
    public static Dictionary<string, string> Exiv2(string path, char group = 'X')
    {
        var (code, output, error) = Run("exiv2", new[] { "-q", "-P" + group + "kv", path });
        // exiv2 exits 253 when the file has no metadata of the group: that is an answer, not a failure.
        if (code != 0 && code != 253) throw new InvalidOperationException($"exiv2 failed on {path} (exit {code}): {error}");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ');
            var key = space < 0 ? line : line[..space];
            var value = space < 0 ? "" : line[space..].Trim();
            result[key] = result.TryGetValue(key, out var before) ? before + "\n" + value : value;
        }
        return result;
    }

    private static (int Code, string Output, string Error) Run(string tool, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>A fact that needs exiftool and exiv2: skipped with the reason when missing, unless CI or PHOTOCURATION_REQUIRE_EXIFTOOL=1, where it fails.</summary>
public sealed class MetadataToolsFactAttribute : Xunit.FactAttribute
{
    public MetadataToolsFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable(MetadataTools.RequireVariable) != "1"
            && MetadataTools.Missing is { } problem)
        {
            Skip = problem + "; CI fails instead.";
        }
    }
}
