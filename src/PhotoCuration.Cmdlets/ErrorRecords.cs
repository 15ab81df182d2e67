using System.Management.Automation;
using PhotoCuration.Engine.Core;

namespace PhotoCuration.Cmdlets;

/// <summary>Turns engine failures into PowerShell error records: stable id, category, the file as target.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord ForPhoto(Exception error, string filePath)
    {
        if (error is PhotoInputException input)
        {
            return new ErrorRecord(input, input.ErrorId, Category(input.Problem), input.FilePath)
            {
                ErrorDetails = new ErrorDetails(input.Message),
            };
        }
        var (id, message) = PhotoInputException.Describe(error, filePath);
        return new ErrorRecord(error, id, ErrorCategory.NotSpecified, filePath) { ErrorDetails = new ErrorDetails(message) };
    }

    public static ErrorCategory Category(PhotoProblem problem) => problem switch
    {
        PhotoProblem.NotFound => ErrorCategory.ObjectNotFound,
        PhotoProblem.NotAFile => ErrorCategory.InvalidArgument,
        PhotoProblem.AccessDenied => ErrorCategory.PermissionDenied,
        PhotoProblem.Unreadable => ErrorCategory.ReadError,
        PhotoProblem.InvalidData => ErrorCategory.InvalidData,
        PhotoProblem.Unsupported => ErrorCategory.InvalidType,
        PhotoProblem.LimitExceeded => ErrorCategory.LimitsExceeded,
        PhotoProblem.Changed => ErrorCategory.InvalidData,
        _ => ErrorCategory.NotSpecified,
    };
}
