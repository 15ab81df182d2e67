using System.Collections.Concurrent;
using PhotoCuration.Engine.Curation;

namespace PhotoCuration.Engine.Taste;

/// <summary>Collects a curation session's failures and warnings (from any worker thread) for the caller to report afterwards.</summary>
internal sealed class CollectingReporter : ICurationReporter
{
    public ConcurrentQueue<PhotoInputException> Problems { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();

    public void Progress(StageDescriptor stage, int done, int total) { }

    public void PhotoFailed(StageDescriptor stage, string path, Exception error) =>
        Problems.Enqueue(error as PhotoInputException ?? new PhotoInputException(PhotoErrorIds.UnexpectedError, PhotoProblem.InvalidData, path, PhotoInputException.Describe(error, path).Message, error));

    public void Warning(string message) => Warnings.Enqueue(message);
    public void Verbose(string message) { }
    public void StageStarted(StageDescriptor stage, int index, int count) { }
    public void StageFinished(StageDescriptor stage, long milliseconds, string summary) { }
}
