using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Curation;

/// <summary>
/// Where a <see cref="CurationSession"/> reports, implemented by the cmdlet that runs it: each stage's
/// start (for the run's progress bar) and end (its time, for -Verbose), and, through
/// <see cref="IStageReporter"/>, the per-photo progress, errors, warnings and verbose lines of the stages.
/// </summary>
public interface ICurationReporter : IStageReporter
{
    /// <summary>Stage <paramref name="index"/> (0-based) of <paramref name="count"/> starts.</summary>
    void StageStarted(StageDescriptor stage, int index, int count);

    /// <summary>The stage finished in <paramref name="milliseconds"/>; <paramref name="summary"/> says what it did.</summary>
    void StageFinished(StageDescriptor stage, long milliseconds, string summary);
}
