using System.Reflection;
using System.Runtime.Loader;
using Microsoft.ML.OnnxRuntime;

namespace PhotoCuration.Engine.Diagnostics;

/// <summary>
/// What the engine runs on: each third-party assembly with its version and load context, and ONNX
/// Runtime's native library (version and execution providers it offers). Used by the runtime
/// diagnostic cmdlet and the isolation tests.
/// </summary>
public static class RuntimeInfo
{
    public static IReadOnlyList<RuntimeComponent> Components()
    {
        var list = new List<RuntimeComponent>
        {
            Describe("PhotoCuration.Engine", typeof(RuntimeInfo).Assembly),
            Describe("SixLabors.ImageSharp", typeof(SixLabors.ImageSharp.Image).Assembly),
            Describe("MetadataExtractor", typeof(MetadataExtractor.ImageMetadataReader).Assembly),
            Describe("YamlDotNet", typeof(YamlDotNet.Serialization.Deserializer).Assembly),
            Describe("Microsoft.ML.OnnxRuntime", typeof(InferenceSession).Assembly),
        };
        list.Add(NativeOnnxRuntime());
        list.Add(Describe("NetVips", typeof(NetVips.Image).Assembly));
        list.Add(NativeVips());
        return list;
    }

    private static RuntimeComponent Describe(string name, Assembly assembly) => new()
    {
        Name = name,
        Version = assembly.GetName().Version?.ToString() ?? "",
        LoadContext = AssemblyLoadContext.GetLoadContext(assembly)?.Name ?? "",
        Location = assembly.Location,
    };

    /// <summary>libvips, loaded by NetVips' module initializer through the load context's native resolver.</summary>
    private static RuntimeComponent NativeVips() => new()
    {
        Name = "libvips (native)",
        Version = Imaging.VipsRuntime.Version,
        LoadContext = AssemblyLoadContext.GetLoadContext(typeof(NetVips.Image).Assembly)?.Name ?? "",
        Location = "",
        Detail = Imaging.VipsRuntime.IsAvailable
            ? "shrink-on-load JPEG decoding (LGPL-3.0-or-later)"
            : "not loadable: " + Imaging.VipsRuntime.WhyUnavailable + " (JPEGs are decoded by ImageSharp instead)",
    };

    /// <summary>Loads the native library (through the load context's native resolver) by asking it for its version.</summary>
    private static RuntimeComponent NativeOnnxRuntime()
    {
        try
        {
            var env = OrtEnv.Instance();
            return new RuntimeComponent
            {
                Name = "onnxruntime (native)",
                Version = env.GetVersionString(),
                LoadContext = AssemblyLoadContext.GetLoadContext(typeof(OrtEnv).Assembly)?.Name ?? "",
                Location = "",
                Detail = "providers: " + string.Join(", ", env.GetAvailableProviders()),
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or OnnxRuntimeException or EntryPointNotFoundException or BadImageFormatException)
        {
            return new RuntimeComponent { Name = "onnxruntime (native)", Version = "", Detail = "not loadable: " + ex.GetBaseException().Message };
        }
    }
}
