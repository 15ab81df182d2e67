namespace PhotoCuration.Engine.Core;

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
