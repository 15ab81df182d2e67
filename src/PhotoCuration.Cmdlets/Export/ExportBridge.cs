using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Export;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class ExportBridge
{
    private static bool WhatIf(PSCmdlet cmdlet) =>
        (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }) ||
        (cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference") is bool b && b) ||
        (cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter { IsPresent: true });

    /// <summary>Plans the export, runs each step ShouldProcess approves, and returns the files the export folder now holds for this set.</summary>
    public static IReadOnlyList<string> Export(PSCmdlet cmdlet, CuratedSet set, string workspace, string? outputPath,
        bool xmp, bool besideOriginals, bool csv, bool force, DateTimeOffset createdAt)
    {
        // Two runs exporting the same batch at once take turns: the plan reads the folder and its
        // manifest, so it must not interleave with another export's writes. -WhatIf writes no lock file.
        IDisposable? exclusive = null;
        Engine.Export.CuratedListExport export;
        try
        {
            exclusive = WhatIf(cmdlet) ? null : Engine.Export.CuratedListExport.Lock(set, workspace, outputPath);
            export = Engine.Export.CuratedListExport.Plan(set, workspace, new Engine.Export.ExportOptions
            {
                OutputPath = outputPath,
                Xmp = xmp,
                SidecarsBesideOriginals = besideOriginals,
                Csv = csv,
                Force = force,
                CreatedAt = createdAt,
            }, cmdlet.WriteWarning);
        }
        catch (ArgumentException ex)
        {
            exclusive?.Dispose();
            cmdlet.WriteError(new ErrorRecord(ex, "InvalidCuratedSet", ErrorCategory.InvalidArgument, set));
            return Array.Empty<string>();
        }
        using var held = exclusive;
        foreach (var problem in export.Problems)
        {
            var category = problem.Kind == Engine.Export.ExportProblemKind.Exists ? ErrorCategory.ResourceExists : ErrorCategory.ObjectNotFound;
            cmdlet.WriteError(new ErrorRecord(new IOException(problem.Message), problem.ErrorId, category, problem.Target) { ErrorDetails = new ErrorDetails(problem.Message) });
        }
        var files = new List<string>();
        foreach (var step in export.Steps)
        {
            if (!cmdlet.ShouldProcess(step.Target, step.Action)) continue;
            try
            {
                export.Run(step);
                if (step.EmitsFile) files.Add(step.Target);
            }
            catch (Engine.Core.PhotoInputException ex)
            {
                cmdlet.WriteError(ErrorRecords.ForPhoto(ex, ex.FilePath));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                cmdlet.WriteError(new ErrorRecord(ex, "ExportWriteFailed", ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, step.Target));
            }
        }
        export.Finish();
        var written = export.Steps.Count(s => s.Done);
        cmdlet.WriteVerbose($"Export-CuratedList: {set.Count} picks of batch {export.BatchId} to {export.OutputDir}: {written} write(s), {export.UpToDate.Count()} file(s) already up to date, {export.Problems.Count} problem(s).");
        // Under -WhatIf (or every step declined) nothing was exported, so nothing is handed back.
        return written == 0 && export.Steps.Count > 0 ? files : files.Concat(export.UpToDate).ToList();
    }
}
