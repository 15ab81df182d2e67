using Microsoft.ML.OnnxRuntime;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// Picks the ONNX Runtime execution provider from the ones this runtime build offers: CUDA, then
/// DirectML, then CoreML, else CPU (docs/algorithms.md#scoring). The GPU path is a configuration of the same
/// sessions, not other code. A requested GPU that is absent is a warning and CPU, never a failure.
/// </summary>
public sealed class ExecutionProviderChoice
{
    public const string Cuda = "CUDAExecutionProvider";
    public const string DirectML = "DmlExecutionProvider";
    public const string CoreML = "CoreMLExecutionProvider";
    public const string Cpu = "CPUExecutionProvider";

    /// <summary>GPU providers in order of preference.</summary>
    public static readonly IReadOnlyList<string> GpuPreference = new[] { Cuda, DirectML, CoreML };

    private ExecutionProviderChoice(string provider, string? warning, int intraOpThreads)
    {
        Provider = provider;
        Warning = warning;
        IntraOpThreads = intraOpThreads;
    }

    /// <summary>The provider sessions will use.</summary>
    public string Provider { get; }
    /// <summary>Short name for tables: CUDA, DirectML, CoreML or CPU.</summary>
    public string ShortName => Provider switch { Cuda => "CUDA", DirectML => "DirectML", CoreML => "CoreML", _ => "CPU" };
    /// <summary>Why a requested GPU is not used; null when the request was met.</summary>
    public string? Warning { get; }
    public bool IsGpu => Provider != Cpu;
    /// <summary>Threads inside one operator: the cores left to the model once the feature workers have theirs.</summary>
    public int IntraOpThreads { get; }

    /// <summary>Providers of the loaded runtime (the CPU package offers only CPU; GPU packages add theirs).</summary>
    public static IReadOnlyList<string> Available()
    {
        try { return OrtEnv.Instance().GetAvailableProviders(); }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or TypeInitializationException) { return new[] { Cpu }; }
    }

    /// <param name="cores">The cores the run may use (a worker's -Concurrency); null: every processor of the machine.</param>
    public static ExecutionProviderChoice Select(ModelDevice device, int parallelWorkers, int? cores = null) =>
        Select(device, Available(), parallelWorkers, cores ?? Environment.ProcessorCount);

    /// <summary>The decision itself, on a given provider list so it can be tested without a GPU.</summary>
    public static ExecutionProviderChoice Select(ModelDevice device, IReadOnlyList<string> available, int parallelWorkers, int processors)
    {
        // Feature workers run beside inference; give the model what they leave of the run's cores, at least
        // one thread: a run of N workers on N cores runs each model call on its caller's thread alone
        // (docs/distributed.md#cores).
        var intra = Math.Max(1, processors / Math.Max(1, Math.Min(parallelWorkers, processors)));
        var gpu = GpuPreference.FirstOrDefault(available.Contains);
        return device switch
        {
            ModelDevice.Cpu => new ExecutionProviderChoice(Cpu, null, intra),
            ModelDevice.Gpu when gpu is null => new ExecutionProviderChoice(Cpu,
                $"-Device Gpu: this ONNX Runtime offers no GPU provider ({string.Join(", ", available)}); running on the CPU. Install a GPU build of ONNX Runtime (CUDA, DirectML or CoreML) to use the GPU.", intra),
            _ => new ExecutionProviderChoice(gpu ?? Cpu, null, intra),
        };
    }

    /// <summary>Session options for this choice; a GPU provider that fails to attach falls back to CPU with a warning.</summary>
    public SessionOptions CreateOptions(Action<string>? warn = null)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = 1,
        };
        try
        {
            switch (Provider)
            {
                case Cuda: options.AppendExecutionProvider_CUDA(0); break;
                case DirectML: options.AppendExecutionProvider_DML(0); break;
                case CoreML: options.AppendExecutionProvider_CoreML(CoreMLFlags.COREML_FLAG_USE_NONE); break;
            }
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or NotSupportedException)
        {
            warn?.Invoke($"{ShortName} could not be attached ({e.Message}); running on the CPU.");
        }
        return options;
    }
}
