using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;

namespace PhotoCuration.Engine.Imaging;

/// <summary>
/// The ImageSharp configuration every stage decodes with. Our stages run their own bounded workers
/// (one photo per worker), so ImageSharp's internal parallelism is switched off to avoid
/// oversubscribing the cores, and its buffer pool is capped so memory does not grow with batch size.
/// </summary>
public static class ImagingConfiguration
{
    /// <summary>Pool cap: enough for two 24 MP decodes in flight plus their resized copies.</summary>
    private const int MaximumPoolSizeMegabytes = 256;

    public static Configuration Shared { get; } = Create();

    private static Configuration Create()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = MaximumPoolSizeMegabytes });
        return configuration;
    }

    /// <summary>Returns pooled buffers to the OS, e.g. at the end of a stage.</summary>
    public static void ReleasePooledMemory() => Shared.MemoryAllocator.ReleaseRetainedResources();
}
