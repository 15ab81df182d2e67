using System.Runtime.CompilerServices;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Stages;

/// <summary>
/// Every stage document of one fixed shoot, byte for byte, against the files under
/// <c>tests/Unit/Fixtures/StageJson/</c>: a change to the plumbing around the stages (the stage model, the
/// writer, the session) must not change a byte of what they write. The shoot is built in a fixed folder
/// (<see cref="GoldenShoot.Root"/>), because stage JSON holds absolute file URIs and idempotency keys over
/// them. A deliberate change to a stage's output (a new measurement, a new field) regenerates the files:
/// run this test once with <c>PHOTOCURATION_UPDATE_GOLDEN=1</c> and review the diff.
/// </summary>
public sealed class StageJsonGoldenTests
{
    [Fact]
    public void Every_stage_document_equals_its_golden_file()
    {
        if (OperatingSystem.IsWindows()) return; // the golden URIs are file:///tmp/… paths
        using var shoot = GoldenShoot.Build();
        var update = Environment.GetEnvironmentVariable("PHOTOCURATION_UPDATE_GOLDEN") == "1";
        var written = shoot.Documents();
        Assert.Equal(10, written.Count);
        var goldenDir = GoldenDir();
        if (update)
        {
            Directory.CreateDirectory(goldenDir);
            foreach (var (name, text) in written) File.WriteAllText(Path.Combine(goldenDir, name), text);
        }
        var expected = Directory.GetFiles(goldenDir, "*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, written.Keys.ToList());
        var differences = written
            .Where(d => File.ReadAllText(Path.Combine(goldenDir, d.Key)) != d.Value)
            .Select(d => $"{d.Key} (from line {FirstDifference(File.ReadAllText(Path.Combine(goldenDir, d.Key)), d.Value)})")
            .ToList();
        Assert.True(differences.Count == 0, $"Differ from their golden files in {goldenDir}: {string.Join(", ", differences)}.");
    }

    private static int FirstDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i]) return i + 1;
        }
        return Math.Min(left.Length, right.Length) + 1;
    }

    private static string GoldenDir([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source))!, "Fixtures", "StageJson");
}
