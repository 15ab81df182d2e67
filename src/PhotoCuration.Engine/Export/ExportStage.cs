using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// The exporter as a batch stage, the same for Export-CuratedList, Invoke-PhotoCuration and the review
/// page: under the export folder's lock (unless nothing may be written, -WhatIf), plan the export
/// (<see cref="CuratedListExport"/>), report what cannot be exported, run each step the caller approves
/// (a step that fails is reported and the rest go on), and finish (manifest, timing). Its document is the
/// curated list, written by the steps themselves, since a step may be declined.
/// </summary>
public sealed class ExportStage : IBatchStage<ExportStage.Input, ExportStage.Result>
{
    private readonly Func<ExportStep, bool> _approve;
    private readonly Action<ExportProblem> _problem;
    private readonly Action<ExportStep, Exception> _failed;
    private readonly Action<string> _warning;

    /// <param name="approve">Whether a step may run (ShouldProcess); every step when null.</param>
    /// <param name="problem">A pick or file that cannot be exported (found while planning).</param>
    /// <param name="failed">A step that failed (I/O, access, an original gone).</param>
    public ExportStage(Func<ExportStep, bool>? approve, Action<ExportProblem> problem, Action<ExportStep, Exception> failed, Action<string> warning)
    {
        _approve = approve ?? (_ => true);
        _problem = problem;
        _failed = failed;
        _warning = warning;
    }

    public StageDescriptor Descriptor => StageCatalog.Exporter;

    /// <param name="Exclusive">Hold the export folder's lock (false under -WhatIf, which writes no lock file).</param>
    public sealed record Input(CuratedSet Set, string Workspace, ExportOptions Options, bool Exclusive = true);

    /// <param name="Files">The files written that a caller hands back (copies, sidecars, lists), in step order.</param>
    public sealed record Result(CuratedListDocument Document, CuratedListExport Export, IReadOnlyList<string> Files) : IBatchStageResult<CuratedListDocument>
    {
        /// <summary>Steps that ran.</summary>
        public int Written => Export.Steps.Count(s => s.Done);
    }

    /// <exception cref="ArgumentException">The set cannot be exported (no batch id, no picks' workspace).</exception>
    public Result Run(Input input, CancellationToken cancellation)
    {
        // Two runs exporting the same batch at once take turns: the plan reads the folder and its
        // manifest, so it must not interleave with another export's writes.
        using var exclusive = input.Exclusive ? CuratedListExport.Lock(input.Set, input.Workspace, input.Options.OutputPath) : null;
        var export = CuratedListExport.Plan(input.Set, input.Workspace, input.Options, _warning);
        foreach (var problem in export.Problems) _problem(problem);
        var files = new List<string>();
        foreach (var step in export.Steps)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!_approve(step)) continue;
            try
            {
                export.Run(step);
                if (step.EmitsFile) files.Add(step.Target);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PhotoInputException)
            {
                _failed(step, ex);
            }
        }
        export.Finish();
        return new Result(export.Document, export, files);
    }
}
