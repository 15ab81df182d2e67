using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Diagnostics;

internal static class RuntimeInfoBridge
{
    public static IEnumerable<RuntimeComponent> Components()
    {
        foreach (var component in Engine.Diagnostics.RuntimeInfo.Components())
        {
            if (component.Name == "onnxruntime (native)")
            {
                // The path the private context resolved it from: proof it came from Dependencies/runtimes.
                component.Location = EngineLoadContext.Instance.NativeLibraries.FirstOrDefault(p => p.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase)) ?? "";
            }
            else if (component.Name == "libvips (native)")
            {
                component.Location = EngineLoadContext.Instance.NativeLibraries.FirstOrDefault(p => Path.GetFileName(p).Contains("vips", StringComparison.OrdinalIgnoreCase)) ?? "";
            }
            yield return component;
        }
    }
}
