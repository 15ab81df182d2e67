using System.Reflection;
using System.Runtime.Loader;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// The private AssemblyLoadContext the engine and all its third-party dependencies (ImageSharp,
/// MetadataExtractor, YamlDotNet, ONNX Runtime, …) load into, from the module's <c>Dependencies/</c>
/// folder. Another module that loaded a different YamlDotNet into the default context therefore
/// cannot break us, and we cannot break it ("Resolving PowerShell module assembly dependency
/// conflicts", PowerShell docs). The contracts assembly is deliberately not loaded here: returning
/// null hands it to the default context, so the objects PowerShell sees have one type identity.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    public const string ContextName = "PhotoCuration";
    public const string EngineAssemblyName = "PhotoCuration.Engine";
    private const string ContractsAssemblyName = "PhotoCuration.Contracts";

    private readonly string _dependencyDir;
    private readonly AssemblyDependencyResolver _resolver;
    private readonly List<string> _nativeLibraries = new();

    private EngineLoadContext(string dependencyDir) : base(ContextName, isCollectible: false)
    {
        _dependencyDir = dependencyDir;
        _resolver = new AssemblyDependencyResolver(Path.Combine(dependencyDir, EngineAssemblyName + ".dll"));
    }

    private static EngineLoadContext? _instance;
    private static readonly object Gate = new();

    public static EngineLoadContext Instance
    {
        get
        {
            lock (Gate)
            {
                return _instance ??= new EngineLoadContext(DependencyDirectory);
            }
        }
    }

    /// <summary><c>&lt;module folder&gt;/Dependencies</c>, next to the cmdlet assembly.</summary>
    public static string DependencyDirectory =>
        Path.Combine(Path.GetDirectoryName(typeof(EngineLoadContext).Assembly.Location)!, "Dependencies");

    /// <summary>Native libraries this context loaded, with the path each came from.</summary>
    public IReadOnlyList<string> NativeLibraries
    {
        get { lock (_nativeLibraries) return _nativeLibraries.ToList(); }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == ContractsAssemblyName) return null;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            var candidate = Path.Combine(_dependencyDir, assemblyName.Name + ".dll");
            if (File.Exists(candidate)) path = candidate;
        }
        // Framework assemblies (System.*) are not in Dependencies/: null falls back to the default context.
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>
    /// Resolves native libraries from <c>Dependencies/runtimes/&lt;rid&gt;/native</c> through the
    /// deps.json (PowerShell's own fallback adds no <c>lib</c> prefix and fails for ONNX Runtime on
    /// Linux and macOS).
    /// </summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        if (path is null) return IntPtr.Zero;
        lock (_nativeLibraries) _nativeLibraries.Add(path);
        return LoadUnmanagedDllFromPath(path);
    }

    /// <summary>Answers the default context's failed lookups for the engine assembly only.</summary>
    public static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssemblyName ? Instance.LoadFromAssemblyName(name) : null;
}
