using PhotoCuration.Engine.Models;

namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// What a run gives every per-photo stage it opens (<see cref="IPhotoStageOpener"/>): the theme, where the
/// module's models are, the device and worker count for them, where to warn, and the handoffs of a
/// streamed run (docs/architecture.md#one-read-one-decode). A stage takes what it needs and ignores the
/// rest, so a new stage needs no new parameter anywhere above it.
/// </summary>
public sealed record PhotoStageContext(PhotoTheme Theme, string? ModuleModelsDir, ModelDevice Device, int Workers, Action<string> Warn, Action<string> Verbose)
{
    /// <summary>
    /// The cores the run may use, shared by its <see cref="Workers"/> (a distributed worker's -Concurrency):
    /// a model's threads inside one call are what the workers leave of them, so N workers on N cores run
    /// each call on the caller's thread (docs/distributed.md#cores). Null: every processor of the machine.
    /// </summary>
    public int? Cores { get; init; }

    /// <summary>Ingest's bytes of each original, for preprocess (null outside a streamed run).</summary>
    public Handoff<byte[]>? Originals { get; init; }

    /// <summary>Preprocess's standardized JPEG of each photo, for the stages after it (null outside a streamed run).</summary>
    public Handoff<byte[]>? StandardizedJpeg { get; init; }

    /// <summary>Wraps each stage opened (the distributed run's results from the workers); null: the stages as they are.</summary>
    public IPhotoStageDecorator? Decorator { get; init; }

    /// <summary>The workspace is shared by the workers of a studio: no stage sweeps it as it opens (a maintenance step does; docs/distributed.md#shared-workspace).</summary>
    public bool SharedWorkspace { get; init; }

    /// <summary>
    /// The standardized pixels features decoded, for the face stage (null outside a streamed run); the
    /// taker owns and disposes them (docs/architecture.md#one-read-one-decode).
    /// </summary>
    public Handoff<Features.FeatureImage>? StandardizedPixels { get; init; }
}
