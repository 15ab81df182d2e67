using PhotoCuration.Engine.Ingest;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// The decisions of one or more folders of photos (docs/algorithms.md#taste): every photo file the scanner
/// takes (sidecars are not photos), with its decision; each file whose XMP cannot be read is a problem
/// of its own and the rest is read. A shoot counts as culled only when at least one photo has a decision.
/// </summary>
public sealed class ShootDecisions
{
    private ShootDecisions(IReadOnlyList<PhotoDecision> decisions, IReadOnlyList<PhotoInputException> problems)
    {
        Decisions = decisions;
        Problems = problems;
    }

    /// <summary>One per readable photo, in path order.</summary>
    public IReadOnlyList<PhotoDecision> Decisions { get; }

    /// <summary>One per photo whose decision could not be read.</summary>
    public IReadOnlyList<PhotoInputException> Problems { get; }

    /// <summary>True when any photo carries a decision.</summary>
    public bool IsCulled => Decisions.Any(d => d.HasDecision);

    public static ShootDecisions Read(IEnumerable<string> folders, bool recurse = true)
    {
        var scanner = new PhotoScanner();
        var decisions = new List<PhotoDecision>();
        var problems = new List<PhotoInputException>();
        foreach (var folder in folders)
        {
            var full = Path.GetFullPath(folder);
            IEnumerable<string> files = File.Exists(full) ? new[] { full }
                : Directory.Exists(full) ? scanner.Scan(full, recurse)
                : throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, full, $"Reference '{full}' does not exist.");
            foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
            {
                try
                {
                    decisions.Add(DecisionReader.Read(file));
                }
                catch (PhotoInputException ex)
                {
                    problems.Add(ex);
                }
            }
        }
        return new ShootDecisions(decisions, problems);
    }
}
