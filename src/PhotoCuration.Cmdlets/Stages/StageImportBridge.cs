using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Stages;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class StageImportBridge
{
    public static string WorkspaceOf(string file, string fallback) => Engine.Readers.StageImporter.WorkspaceOf(file, fallback);

    public static IEnumerable<object> Import(string file, string workspace, bool includeDropped, Action<Engine.Core.PhotoInputException> problem, Action<string> warning) =>
        Engine.Readers.StageImporter.Import(file, workspace, includeDropped, problem, warning);
}
