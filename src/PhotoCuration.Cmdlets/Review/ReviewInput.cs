using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>
/// Reading a batch for its review page, the same for Export-CurationReport and Start-CurationReview: a
/// missing or malformed stage record, or a bad batch id, becomes one error record (and null), never a
/// terminating error.
/// </summary>
internal static class ReviewInput
{
    public static T? Read<T>(PSCmdlet cmdlet, string batch, Func<T?> read) where T : class
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

    /// <summary>The agreement for the page (<see cref="Engine.Review.AgreementSection.Load"/>); a reference file that cannot be read is one error, the rest is measured.</summary>
    public static CurationAgreement? Agreement(PSCmdlet cmdlet, string workspace, string batch, IReadOnlyList<string>? reference, int? pickRating, Engine.Distributed.LibraryRoots library) =>
        Read(cmdlet, batch, () => Engine.Review.AgreementSection.Load(workspace, batch, reference, pickRating,
            problem => cmdlet.WriteError(ErrorRecords.ForPhoto(problem, problem.FilePath)), cmdlet.WriteWarning, library));
}
