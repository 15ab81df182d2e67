using PhotoCuration.Engine.Models;
using Xunit;

namespace PhotoCuration.Tests.Models;

/// <summary>Provider selection on given provider lists: the GPU path is a configuration, provable without a GPU.</summary>
public sealed class ExecutionProviderTests
{
    private static readonly string[] CpuOnly = { ExecutionProviderChoice.Cpu };

    [Fact]
    public void Gpu_requested_without_a_gpu_provider_warns_and_runs_on_cpu()
    {
        var choice = ExecutionProviderChoice.Select(ModelDevice.Gpu, CpuOnly, parallelWorkers: 2, processors: 2);
        Assert.Equal(ExecutionProviderChoice.Cpu, choice.Provider);
        Assert.NotNull(choice.Warning);
        Assert.Contains("no GPU provider", choice.Warning);
    }

    [Theory]
    [InlineData(new[] { "CPUExecutionProvider", "CUDAExecutionProvider" }, "CUDA")]
    [InlineData(new[] { "DmlExecutionProvider", "CPUExecutionProvider" }, "DirectML")]
    [InlineData(new[] { "CoreMLExecutionProvider", "CPUExecutionProvider" }, "CoreML")]
    [InlineData(new[] { "CoreMLExecutionProvider", "CUDAExecutionProvider", "DmlExecutionProvider" }, "CUDA")]
    public void Auto_and_gpu_take_the_preferred_gpu_provider(string[] available, string expected)
    {
        Assert.Equal(expected, ExecutionProviderChoice.Select(ModelDevice.Auto, available, 1, 8).ShortName);
        var gpu = ExecutionProviderChoice.Select(ModelDevice.Gpu, available, 1, 8);
        Assert.Equal(expected, gpu.ShortName);
        Assert.Null(gpu.Warning);
    }

    [Fact]
    public void Cpu_is_forced_even_with_a_gpu()
    {
        var choice = ExecutionProviderChoice.Select(ModelDevice.Cpu, new[] { "CUDAExecutionProvider", "CPUExecutionProvider" }, 1, 8);
        Assert.Equal("CPU", choice.ShortName);
        Assert.Null(choice.Warning);
    }

    [Theory]
    [InlineData(2, 2, 1)]
    [InlineData(1, 8, 8)]
    [InlineData(4, 8, 2)]
    [InlineData(16, 8, 1)]
    public void Intra_op_threads_share_the_cores_with_the_workers(int workers, int processors, int expected) =>
        Assert.Equal(expected, ExecutionProviderChoice.Select(ModelDevice.Cpu, CpuOnly, workers, processors).IntraOpThreads);

    [Fact]
    public void This_runtime_offers_the_cpu_provider() => Assert.Contains(ExecutionProviderChoice.Cpu, ExecutionProviderChoice.Available());
}
