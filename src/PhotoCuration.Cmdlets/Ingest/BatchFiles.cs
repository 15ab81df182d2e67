using System.Collections;
using System.Management.Automation;
using PhotoCuration.Cmdlets.Distributed;
using PhotoCuration.Engine.Distributed;

namespace PhotoCuration.Cmdlets.Ingest;

/// <summary>
/// The photos of an ingest_input.json under -Library, for the cmdlets that write one (New-PhotoBatchInput)
/// and read one (Import-PhotoBatch and Invoke-PhotoCuration -BatchFile), so a batch file written on one
/// machine runs on another (docs/distributed.md#library-relative-paths).
/// </summary>
internal static class BatchFiles
{
    /// <summary>How a photo is written: library-relative under a root, else its file URI.</summary>
    public static Func<string, string> Uri(LibraryRoots library) => path => Engine.Workspace.OriginalPaths.ToStored(path, library);

    /// <summary>The file's photos on this machine; a photo in a library without a root here stops the cmdlet (UnknownLibrary, naming the -Library to give).</summary>
    public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, Engine.Ingest.BatchInputFile input, string file, Hashtable? library)
    {
        try
        {
            return input.ResolvePaths(file, DistributedBridge.Library(cmdlet, library)).ToList();
        }
        catch (Engine.Core.PhotoInputException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.ObjectNotFound, file));
            throw;
        }
    }
}
