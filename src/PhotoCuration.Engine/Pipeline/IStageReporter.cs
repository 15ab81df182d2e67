namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// Where a running stage reports, implemented by the cmdlet that runs it (progress records, error
/// records, warnings, verbose lines) or by a test. Called on the thread that drives the stage (the
/// pipeline thread), never from a worker.
/// </summary>
public interface IStageReporter
{
    /// <summary>Photos finished so far of <paramref name="total"/> (0 when the total is not known yet).</summary>
    void Progress(StageDescriptor stage, int done, int total);

    /// <summary>One photo failed with <paramref name="error"/> (a <see cref="PhotoInputException"/> for a known problem); the stage goes on.</summary>
    void PhotoFailed(StageDescriptor stage, string path, Exception error);

    void Warning(string message);

    void Verbose(string message);
}
