namespace PhotoCuration.Engine.Ingest;

/// <summary>What kind of problem a file has; the cmdlet layer maps it to a PowerShell ErrorCategory.</summary>
public enum PhotoProblem
{
    NotFound,
    NotAFile,
    AccessDenied,
    Unreadable,
    InvalidData,
    Unsupported,
    LimitExceeded,
    Changed,
}

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
}

/// <summary>The stable error ids, in one place.</summary>
public static class PhotoErrorIds
{
    public const string FileNotFound = "FileNotFound";
    public const string NotAFile = "NotAFile";
    public const string AccessDenied = "AccessDenied";
    public const string FileUnreadable = "FileUnreadable";
    public const string EmptyFile = "EmptyFile";
    public const string NotAnImage = "NotAnImage";
    public const string UnsupportedFormat = "UnsupportedFormat";
    public const string CorruptImage = "CorruptImage";
    public const string TruncatedImage = "TruncatedImage";
    public const string PixelLimitExceeded = "PixelLimitExceeded";
    public const string CorruptMetadata = "CorruptMetadata";
    public const string FileChanged = "FileChanged";
    public const string DecodeFailed = "DecodeFailed";
    public const string DecodeTimedOut = "DecodeTimedOut";
    public const string WriteFailed = "WriteFailed";
}
