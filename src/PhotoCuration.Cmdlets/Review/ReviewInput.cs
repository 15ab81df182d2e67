using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>
/// Reading a batch for its review page, the same for Export-CurationReport and Start-CurationReview: a
/// missing or malformed stage record, or a bad batch id, becomes one error record (and null), never a
/// terminating error.
/// </summary>
internal static class ReviewInput
{
    public static T? Read<T>(PSCmdlet cmdlet, string batch, Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (Engine.Core.PhotoInputException ex)
        {
            cmdlet.WriteError(ErrorRecords.ForPhoto(ex, ex.FilePath));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "InvalidReviewInput", ErrorCategory.InvalidData, batch));
        }
        return null;
    }
}
