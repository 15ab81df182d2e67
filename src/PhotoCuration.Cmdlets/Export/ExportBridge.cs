using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Export;

/// <summary>What the cmdlet asks the export to write, in plain types (the engine's options stay behind the bridge).</summary>
internal sealed record ExportRequest(bool Xmp, string SidecarNaming, bool Keywords, bool FaceRegions, bool MarkRejects,
    bool SidecarsBesideOriginals, bool Csv, bool Force, DateTimeOffset CreatedAt, System.Collections.Hashtable? Library = null);

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class ExportBridge
{
    private static bool WhatIf(PSCmdlet cmdlet) =>
        (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }) ||
        (cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference") is bool b && b) ||
        (cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter { IsPresent: true });

    /// <summary>Runs the export stage, each step ShouldProcess approves, and returns the files the export folder now holds for this set.</summary>
    public static IReadOnlyList<string> Export(PSCmdlet cmdlet, CuratedSet set, string workspace, string? outputPath, ExportRequest request)
    {
        var stage = new Engine.Export.ExportStage(step => cmdlet.ShouldProcess(step.Target, step.Action), problem =>
            {
                var category = problem.Kind switch
                {
                    Engine.Export.ExportProblemKind.Exists => ErrorCategory.ResourceExists,
                    Engine.Export.ExportProblemKind.Unreadable => ErrorCategory.InvalidData,
                    _ => ErrorCategory.ObjectNotFound,
                };
                cmdlet.WriteError(new ErrorRecord(new IOException(problem.Message), problem.ErrorId, category, problem.Target) { ErrorDetails = new ErrorDetails(problem.Message) });
            },
            (step, ex) => cmdlet.WriteError(ex is Engine.Core.PhotoInputException bad ? ErrorRecords.ForPhoto(bad, bad.FilePath)
                : new ErrorRecord(ex, "ExportWriteFailed", ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, step.Target)),
            cmdlet.WriteWarning);
        var options = new Engine.Export.ExportOptions
        {
            OutputPath = outputPath,
            Xmp = request.Xmp,
            SidecarNaming = request.SidecarNaming == "Darktable" ? Engine.Export.SidecarNaming.Darktable : Engine.Export.SidecarNaming.Adobe,
            Keywords = request.Keywords,
            FaceRegions = request.FaceRegions,
            MarkRejects = request.MarkRejects,
            SidecarsBesideOriginals = request.SidecarsBesideOriginals,
            Csv = request.Csv,
            Force = request.Force,
            CreatedAt = request.CreatedAt,
            Library = request.Library is { Count: > 0 } ? Distributed.DistributedBridge.Library(cmdlet, request.Library) : null,
        };
        Engine.Export.ExportStage.Result result;
        try
        {
            result = stage.Run(new Engine.Export.ExportStage.Input(set, workspace, options, Exclusive: !WhatIf(cmdlet)), CancellationToken.None);
        }
        catch (ArgumentException ex)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "InvalidCuratedSet", ErrorCategory.InvalidArgument, set));
            return Array.Empty<string>();
        }
        var export = result.Export;
        cmdlet.WriteVerbose($"Export-CuratedList: {set.Count} picks of batch {export.BatchId} to {export.OutputDir}: {result.Written} write(s), {export.UpToDate.Count()} file(s) already up to date, {export.Problems.Count} problem(s).");
        // Under -WhatIf (or every step declined) nothing was exported, so nothing is handed back.
        return result.Written == 0 && export.Steps.Count > 0 ? result.Files : result.Files.Concat(export.UpToDate).ToList();
    }
}
