using System.Management.Automation;
using System.Runtime.Loader;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// Runs on <c>Import-Module</c>: routes the engine assembly to its private load context before any
/// cmdlet touches it, and unhooks on <c>Remove-Module</c>.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <inheritdoc />
    public void OnImport() => AssemblyLoadContext.Default.Resolving += EngineLoadContext.ResolveEngine;

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        // No review server keeps listening for a module that is gone.
        Review.ReviewRegistry.StopAll();
        AssemblyLoadContext.Default.Resolving -= EngineLoadContext.ResolveEngine;
    }
}
