namespace PhotoCuration.Engine.Core;

/// <summary>
/// A per-photo failure with a stable error id (e.g. <c>NotAnImage</c>), so scripts and the stage
/// JSON's <c>errors</c> list can match on it. The message always says what is wrong with which file.
/// </summary>
public sealed class PhotoInputException : Exception
{
    public PhotoInputException(string errorId, PhotoProblem problem, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Problem = problem;
        FilePath = path;
    }

    /// <summary>Stable identifier, without the module prefix (the cmdlet adds <c>PhotoCuration.</c>).</summary>
    public string ErrorId { get; }
    public PhotoProblem Problem { get; }
    public string FilePath { get; }

    /// <summary>The stable id and message of any failure, as a stage document's <c>errors</c> list records it.</summary>
    public static (string ErrorId, string Message) Describe(Exception error, string filePath) => error is PhotoInputException input
        ? (input.ErrorId, input.Message)
        : (PhotoErrorIds.UnexpectedError, $"'{filePath}' failed unexpectedly: {error.GetBaseException().Message}");
}
