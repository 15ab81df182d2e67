using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace PhotoCuration.Tests.Docs;

/// <summary>
/// Comments cite documents a maintainer who clones the repository can open: docs/algorithms.md for
/// formulas and constants, docs/architecture.md for shapes and contracts. The product specification and
/// the algorithm reference the project started from are not in the repository, so no file under src/ or
/// tests/ may point to them.
/// </summary>
public sealed class CitationTests
{
    // Built from pieces so this file does not match itself.
    private static readonly Regex Outside = new(string.Join("|",
        "SP" + @"EC (section |§)?\d", "SP" + @"EC section", "REF" + @"ERENCE (section )?\d", "SP" + @"EC\.md", "REF" + @"ERENCE\.md", "POWER" + @"SHELL\.md"),
        RegexOptions.CultureInvariant);

    [Fact]
    public void No_source_or_test_file_cites_a_document_outside_the_repository()
    {
        var root = RepositoryRoot();
        var hits = new[] { "src", "tests" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root, dir), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".ps1", StringComparison.Ordinal) || f.EndsWith(".psm1", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Outside.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, $"{hits.Count} citation(s) of documents outside the repository; cite docs/algorithms.md#<section> or docs/architecture.md#<section>:\n" + string.Join("\n", hits.Take(30)));
    }

    [Fact]
    public void The_pattern_finds_what_it_must()
    {
        Assert.Matches(Outside, "/// (" + "SP" + "EC section 4)");
        Assert.Matches(Outside, "// " + "REF" + "ERENCE 1.2 says");
        Assert.DoesNotMatch(Outside, "/// (docs/algorithms.md#sharpness)");
    }

    private static string RepositoryRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
}
