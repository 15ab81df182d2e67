using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Taste;

/// <summary>Keeps engine types out of the public cmdlet classes.</summary>
internal static class TasteBridge
{
    /// <summary>The agreement of a batch with the reference decisions; per-file problems become non-terminating errors.</summary>
    public static CurationAgreement? Measure(PSCmdlet cmdlet, string workspace, string batch, IReadOnlyList<string> reference, int? pickRating, Engine.Distributed.LibraryRoots library)
    {
        try
        {
            return Engine.Taste.WorkspaceAgreement.Measure(workspace, batch, reference, pickRating,
                problem => cmdlet.WriteError(ErrorRecords.ForPhoto(problem, problem.FilePath)),
                cmdlet.WriteWarning, library);
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

    /// <summary>Learns and writes a theme; problems of single photos become non-terminating errors, warnings are written after the runs.</summary>
    public static ThemeLearning? Learn(PSCmdlet cmdlet, IReadOnlyList<string> folders, string name, string outFile, string workspace, string? baseTheme, int seed, Engine.Distributed.LibraryRoots library, CancellationToken cancellation)
    {
        var problems = new List<Engine.Core.PhotoInputException>();
        var warnings = new List<string>();
        try
        {
            var request = new Engine.Taste.TasteLearning.Request(folders, name, outFile, workspace, baseTheme, seed, Environment.ProcessorCount, Models.ModelsBridge.ModuleModelsDir, library);
            return Engine.Taste.TasteLearning.Run(request, p => { lock (problems) problems.Add(p); }, w => { lock (warnings) warnings.Add(w); }, cancellation);
        }
        catch (Engine.Themes.ThemeValidationException ex)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "InvalidTheme", ErrorCategory.InvalidData, ex.File));
            return null;
        }
        catch (FileNotFoundException ex)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "ThemeNotFound", ErrorCategory.ObjectNotFound, baseTheme));
            return null;
        }
        finally
        {
            foreach (var p in problems) cmdlet.WriteError(ErrorRecords.ForPhoto(p, p.FilePath));
            foreach (var w in warnings) cmdlet.WriteWarning(w);
        }
    }
}
