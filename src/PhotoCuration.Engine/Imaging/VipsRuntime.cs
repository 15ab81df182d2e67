using NetVips;
using VipsLib = NetVips.NetVips;

namespace PhotoCuration.Engine.Imaging;

/// <summary>
/// libvips, loaded once per process: whether it is usable, its version, and the settings the engine
/// needs from it. NetVips' module initializer loads the native library (through the engine's load
/// context, from <c>Dependencies/runtimes/&lt;rid&gt;/native</c>) when the assembly is first touched.
/// </summary>
public static class VipsRuntime
{
    private static readonly Lazy<string?> Failure = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the native library loaded and initialised.</summary>
    public static bool IsAvailable => Failure.Value is null;

    /// <summary>Why libvips is not usable, or null.</summary>
    public static string? WhyUnavailable => Failure.Value;

    /// <summary>The native library's version, e.g. <c>8.18.7</c>; empty when unavailable.</summary>
    public static string Version => IsAvailable
        ? FormattableString.Invariant($"{VipsLib.Version(0)}.{VipsLib.Version(1)}.{VipsLib.Version(2)}")
        : "";

    /// <summary>
    /// Threads libvips gives one operation, as the native library reports it (1 once configured: the engine
    /// runs one photo per core instead; docs/distributed.md#cores); 0 when unavailable.
    /// </summary>
    public static int Concurrency => IsAvailable ? VipsLib.Concurrency : 0;

    private static string? Configure()
    {
        try
        {
            if (!ModuleInitializer.VipsInitialized)
            {
                return ModuleInitializer.Exception?.GetBaseException().Message ?? "libvips did not initialise";
            }
            // No operation cache: every photo is decoded once, and the cache keys buffers by address, so
            // a reused managed array could otherwise be answered from an earlier photo's result.
            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;
            // One thread per pipeline: the engine already runs one photo per core, and more threads per
            // photo only add contention (measured in bench/, docs/decoders.md).
            VipsLib.Concurrency = 1;
            // Untrusted loaders (ImageMagick, PDF, …) are never used for photos; keep them off so a
            // hostile file cannot reach them by content sniffing.
            VipsLib.BlockUntrusted = true;
            // libvips reports damaged data as GLib warnings on stderr; the engine reports per file instead.
            Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, static (_, _, _) => { });
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException or VipsException)
        {
            return ex.GetBaseException().Message;
        }
    }
}
