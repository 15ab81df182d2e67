using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Diagnostics;

/// <summary>
/// <para type="synopsis">Shows the components PhotoCuration runs on, their versions, and the load context each lives in.</para>
/// <para type="description">Get-PhotoRuntimeInfo lists the module itself first (its version, from the manifest, and the folder it was imported from), then the engine and its third-party libraries (ImageSharp, MetadataExtractor, YamlDotNet, ONNX Runtime) with the AssemblyLoadContext they were loaded into (PhotoCuration: isolated from other modules), and loads ONNX Runtime's native library to report its version, file and the execution providers it offers (CPU, CUDA, DirectML, CoreML …). Use it when reporting a problem or checking a GPU set-up.</para>
/// <example>
///   <code>Get-PhotoRuntimeInfo</code>
///   <para>Lists the components and where they were loaded from.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PhotoRuntimeInfo")]
[OutputType(typeof(RuntimeComponent))]
public sealed class GetPhotoRuntimeInfoCommand : PhotoCmdletBase
{
    /// <inheritdoc />
    protected override void EndProcessing()
    {
        WriteObject(ModuleComponent());
        foreach (var component in RuntimeInfoBridge.Components())
        {
            WriteObject(component);
        }
    }

    /// <summary>The module as PowerShell imported it: the manifest's version is the release's version.</summary>
    private RuntimeComponent ModuleComponent()
    {
        var module = MyInvocation.MyCommand.Module;
        return new RuntimeComponent
        {
            Name = "PhotoCuration",
            Version = module?.Version.ToString() ?? typeof(GetPhotoRuntimeInfoCommand).Assembly.GetName().Version?.ToString() ?? "",
            LoadContext = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(GetPhotoRuntimeInfoCommand).Assembly)?.Name ?? "",
            Location = module?.ModuleBase ?? "",
            Detail = "module manifest",
        };
    }
}
