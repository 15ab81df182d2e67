using System.Globalization;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Samples;

/// <summary>
/// <para type="synopsis">Renders a small sample shoot to try the module on: scenes, bursts, a blurred and an underexposed frame, EXIF.</para>
/// <para type="description">New-PhotoSampleShoot paints a deterministic shoot of twelve JPEG frames plus one byte-identical copy: mountain, lake, forest, portrait and dusk scenes; bursts of near-identical frames seconds apart; one motion-blurred frame; one frame underexposed by about three stops; one frame stored sideways with EXIF orientation 6. Every frame carries EXIF capture time (with sub-seconds and a +02:00 offset), camera, lens, exposure and GPS. Existing files are never overwritten.</para>
/// <example>
///   <code>New-PhotoSampleShoot -Path ./sample; Import-PhotoBatch ./sample -Recurse | Invoke-Preprocess</code>
///   <para>Creates the sample shoot and runs the first stages on it.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.New, "PhotoSampleShoot", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class NewPhotoSampleShootCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Folder to write the shoot into (created when missing).</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// <para type="description">Frame width in pixels (default 1600).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(64, 12000)]
    public int Width { get; set; } = 1600;

    /// <summary>
    /// <para type="description">Frame height in pixels (default 1067).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(64, 12000)]
    public int Height { get; set; } = 1067;

    /// <summary>
    /// <para type="description">Capture time of the first frame (camera local time). Default: 2024-09-14 08:12:05.</para>
    /// </summary>
    [Parameter]
    public DateTime StartTime { get; set; } = new(2024, 9, 14, 8, 12, 5, 250, DateTimeKind.Unspecified);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var folder = ResolveLiteralPath(Path);
        if (!ShouldProcess(folder, "Write sample shoot")) return;
        foreach (var file in SampleShootBridge.Write(folder, Width, Height, StartTime, Cancellation))
        {
            WriteObject(new FileInfo(file));
        }
        Verbose(string.Create(CultureInfo.InvariantCulture, $"sample shoot in {folder}"));
    }
}

internal static class SampleShootBridge
{
    public static IReadOnlyList<string> Write(string folder, int width, int height, DateTime start, CancellationToken token) =>
        new Engine.Samples.SampleShootGenerator(width, height).Write(folder, start, token);
}
