using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class ReportBridge
{
    public static string? DefaultPath(PSCmdlet cmdlet, string workspace, string batch)
    {
        try
        {
            return Engine.Review.CurationReport.DefaultPath(workspace, batch);
        }
        catch (ArgumentException ex)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "InvalidBatchId", ErrorCategory.InvalidArgument, batch));
            return null;
        }
    }

    public static bool IsOurs(string path) => Engine.Review.ReportPage.IsReportFile(path);

    public static FileInfo? Write(PSCmdlet cmdlet, string workspace, string batch, string target, int workers, CancellationToken cancellation, CurationAgreement? agreement, Engine.Distributed.LibraryRoots library)
    {
        if (ReviewInput.Read(cmdlet, batch, () => Engine.Review.CurationReport.Build(workspace, batch, workers, cancellation, agreement, library)) is not { } result) return null;
        foreach (var problem in result.Problems) cmdlet.WriteError(ErrorRecords.ForPhoto(problem, problem.FilePath));
        foreach (var warning in result.Warnings) cmdlet.WriteWarning(warning);
        Engine.Workspace.AtomicFile.WriteAllText(target, result.Html);
        cmdlet.WriteVerbose($"Export-CurationReport: batch {batch}: {result.Selected} selected of {result.Photos} photos; {result.Html.Length / 1024} KB to {target}");
        return new FileInfo(target);
    }
}
