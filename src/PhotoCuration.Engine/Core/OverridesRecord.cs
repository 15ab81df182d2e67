namespace PhotoCuration.Engine.Core;

/// <summary>
/// The <c>user_overrides</c> record, <c>{lock_in, exclude}</c>, as the batch input file, the ingest
/// document and the batch's overrides file all store it; <see cref="UserOverrides"/> applies it.
/// </summary>
public sealed class OverridesRecord
{
    public List<string> LockIn { get; set; } = new();
    public List<string> Exclude { get; set; } = new();
}
