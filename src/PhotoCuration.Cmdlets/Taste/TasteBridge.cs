using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Taste;

/// <summary>Keeps engine types out of the public cmdlet classes.</summary>
internal static class TasteBridge
{
    /// <summary>The agreement of a batch with the reference decisions; per-file problems become non-terminating errors.</summary>
    public static CurationAgreement? Measure(PSCmdlet cmdlet, string workspace, string batch, IReadOnlyList<string> reference, int? pickRating)
    {
        try
        {
            return Engine.Taste.WorkspaceAgreement.Measure(workspace, batch, reference, pickRating,
                problem => cmdlet.WriteError(ErrorRecords.ForPhoto(problem, problem.FilePath)),
                cmdlet.WriteWarning);
        }
        catch (Engine.Core.PhotoInputException ex)
        {
            cmdlet.WriteError(ErrorRecords.ForPhoto(ex, ex.FilePath));
            return null;
        }
        catch (ArgumentException ex)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "InvalidBatchId", ErrorCategory.InvalidArgument, batch));
            return null;
        }
    }
}
