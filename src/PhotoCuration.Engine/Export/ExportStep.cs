namespace PhotoCuration.Engine.Export;

/// <summary>
/// One write (or removal) of an export, run only when the cmdlet's ShouldProcess agrees, so -WhatIf
/// lists every step and writes nothing, and -Confirm asks per file.
/// </summary>
public sealed class ExportStep
{
    public ExportStep(string target, string action, bool inExportFolder, Action run, bool emitsFile = true)
    {
        Target = target;
        Action = action;
        InExportFolder = inExportFolder;
        Run = run;
        EmitsFile = emitsFile;
    }

    /// <summary>Full path of the file written or removed.</summary>
    public string Target { get; }
    /// <summary>What happens to it, for -WhatIf and -Confirm ("Copy photo (pick 3, rank 1)").</summary>
    public string Action { get; }
    /// <summary>True for files the export folder's manifest tracks.</summary>
    public bool InExportFolder { get; }
    /// <summary>False for removals: nothing to hand back with -PassThru.</summary>
    public bool EmitsFile { get; }
    internal Action Run { get; }
    /// <summary>True once the step ran to completion.</summary>
    public bool Done { get; internal set; }
}

/// <summary>A pick or file the export cannot write; reported as an error record (target: the file), the rest goes on.</summary>
public sealed class ExportProblem
{
    public ExportProblem(string errorId, ExportProblemKind kind, string target, string message)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
        Message = message;
    }

    public string ErrorId { get; }
    public ExportProblemKind Kind { get; }
    public string Target { get; }
    public string Message { get; }
}

public enum ExportProblemKind
{
    /// <summary>A file is in the way and we may not replace it.</summary>
    Exists,
    /// <summary>The original is gone.</summary>
    NotFound,
}
