using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Stages;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class StageImportBridge
{
    public static string WorkspaceOf(string file, string fallback) => Engine.Readers.StageImporter.WorkspaceOf(file, fallback);

    /// <summary>The objects of a stage file; <c>library</c> (-Library) holds the roots library-relative originals resolve through (null or empty: the batch's recorded roots).</summary>
    public static IEnumerable<object> Import(PSCmdlet cmdlet, string file, string workspace, bool includeDropped, System.Collections.Hashtable? library, Action<Engine.Core.PhotoInputException> problem, Action<string> warning) =>
        Engine.Readers.StageImporter.Import(file, workspace, includeDropped, problem, warning, Distributed.DistributedBridge.Library(cmdlet, library));
}
