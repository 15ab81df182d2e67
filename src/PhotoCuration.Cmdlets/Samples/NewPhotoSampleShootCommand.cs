using System.Globalization;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Samples;

/// <summary>
/// <para type="synopsis">Renders a small sample shoot to try the module on: scenes, bursts, a blurred and an underexposed frame, EXIF.</para>
/// <para type="description">New-PhotoSampleShoot paints a deterministic shoot of twelve JPEG frames plus one byte-identical copy: mountain, lake, forest, portrait and dusk scenes; bursts of near-identical frames seconds apart; one motion-blurred frame; one frame underexposed by about three stops; one frame stored sideways with EXIF orientation 6. Every frame carries EXIF capture time (with sub-seconds and a +02:00 offset), camera, lens, exposure and GPS. Existing files are never overwritten.</para>
/// <para type="description">With -MomentsFrom it builds instead a shoot with known moments from real photographs, to measure moment grouping: each source photo becomes one moment of seven frames seconds apart (the frame, a 90% crop, a 4% shift, +0.5 EV, -0.7 EV, a re-encode, and a re-encode without EXIF); every other moment starts 9 s after the previous one ends, so time alone cannot separate them. The ground truth (file name to moment) is written beside the folder as &lt;folder&gt;.moments.json.</para>
/// <para type="description">With -DegradedFrom it builds a shoot to measure the judgment: each photograph becomes one moment of eleven frames 1-3 s apart, five acceptable (the original, a 1-3% shift, +/-0.15-0.3 EV, a quality-85 re-encode, a 0.5-0.75x resized copy that must rank below the original) and six bad (Gaussian blur sigma 0.3-0.7% of the long edge, motion blur 0.5-2.5% at a random angle, -2.3 to -4.5 EV, +2.3 to +4.5 EV, signal-dependent noise k 0.10-0.14, -2 to -3 EV with motion blur). Each photograph in -MustNotDropFrom (real low-key, night, mist, silhouette or high-key photos) becomes a moment of its own with a mild sibling (a 2% shift). Moments start 10 minutes apart; file names say nothing about quality. Every parameter comes from -Seed and the photograph's path: the same inputs give the same bytes. The ground truth (frame by frame: moment, acceptable or bad, what was done) is written beside the folder as &lt;folder&gt;.judgment.json.</para>
/// <example>
///   <code>New-PhotoSampleShoot -Path ./sample; Import-PhotoBatch ./sample -Recurse | Invoke-Preprocess</code>
///   <para>Creates the sample shoot and runs the first stages on it.</para>
/// </example>
/// <example>
///   <code>New-PhotoSampleShoot -Path ./moments -MomentsFrom /usr/share/backgrounds/mate/nature</code>
///   <para>Builds a known-moment shoot from real photographs, with its ground truth in ./moments.moments.json.</para>
/// </example>
/// <example>
///   <code>New-PhotoSampleShoot -Path ./judged -DegradedFrom /usr/share/wallpapers/Kite/contents/images/2560x1600.jpg -MustNotDropFrom /usr/share/wallpapers/ColdRipple/contents/images/2560x1600.jpg</code>
///   <para>Builds a degraded known-moment shoot (12 + 2 frames) with its ground truth in ./judged.judgment.json.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.New, "PhotoSampleShoot", SupportsShouldProcess = true, DefaultParameterSetName = "Rendered")]
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
    [Parameter(ParameterSetName = "Rendered")]
    [ValidateRange(64, 12000)]
    public int Width { get; set; } = 1600;

    /// <summary>
    /// <para type="description">Frame height in pixels (default 1067).</para>
    /// </summary>
    [Parameter(ParameterSetName = "Rendered")]
    [ValidateRange(64, 12000)]
    public int Height { get; set; } = 1067;

    /// <summary>
    /// <para type="description">Capture time of the first frame (camera local time). Default: 2024-09-14 08:12:05.</para>
    /// </summary>
    [Parameter]
    public DateTime StartTime { get; set; } = new(2024, 9, 14, 8, 12, 5, 250, DateTimeKind.Unspecified);

    /// <summary>
    /// <para type="description">Photographs (JPEG files or folders of them) to build a known-moment shoot from, one moment per photograph, in name order.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "KnownMoments")]
    [ValidateNotNullOrEmpty]
    public string[] MomentsFrom { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Use at most this many photographs from -MomentsFrom (default 12).</para>
    /// </summary>
    [Parameter(ParameterSetName = "KnownMoments")]
    [ValidateRange(1, 1000)]
    public int MomentCount { get; set; } = 12;

    /// <summary>
    /// <para type="description">Photographs (files, in the order given) to build a degraded known-moment shoot from: one moment of five acceptable and six bad frames per photograph.</para>
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = "Degraded")]
    [AllowEmptyCollection]
    public string[] DegradedFrom { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Real photographs of an intended look (low-key, night, mist, silhouette, high-key) that must not be dropped: one moment each, with a mild sibling.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Degraded")]
    public string[] MustNotDropFrom { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Seed of the degradations (default 13). Same photographs and seed, same bytes.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Degraded")]
    public int Seed { get; set; } = 13;

    /// <summary>
    /// <para type="description">Adds to every burst a twelfth, acceptable frame: the photograph reduced to 0.35-0.7x and enlarged back to full size (bicubic), which must rank below the original.</para>
    /// </summary>
    [Parameter(ParameterSetName = "Degraded")]
    public SwitchParameter Enlarged { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var folder = ResolveLiteralPath(Path);
        if (!ShouldProcess(folder, "Write sample shoot")) return;
        if (ParameterSetName == "Degraded")
        {
            var sources = ResolvePaths(DegradedFrom).Select(p => (p, "scene"))
                .Concat(ResolvePaths(MustNotDropFrom).Select(p => (p, "must_not_drop"))).ToList();
            var truthPath = folder.TrimEnd(System.IO.Path.DirectorySeparatorChar) + ".judgment.json";
            SampleShootBridge.WriteDegraded(sources, folder, truthPath, StartTime, Seed, Enlarged.IsPresent, Cancellation);
            foreach (var file in Directory.EnumerateFiles(folder).OrderBy(f => f, StringComparer.Ordinal)) WriteObject(new FileInfo(file));
            WriteObject(new FileInfo(truthPath));
            return;
        }
        if (ParameterSetName == "KnownMoments")
        {
            var sources = ResolvePaths(MomentsFrom)
                .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)) : new[] { p })
                .OrderBy(p => p, StringComparer.Ordinal).Distinct().Take(MomentCount).ToList();
            var truthPath = folder.TrimEnd(System.IO.Path.DirectorySeparatorChar) + ".moments.json";
            SampleShootBridge.WriteKnownMoments(sources, folder, truthPath, StartTime, Cancellation);
            foreach (var file in Directory.EnumerateFiles(folder).OrderBy(f => f, StringComparer.Ordinal)) WriteObject(new FileInfo(file));
            WriteObject(new FileInfo(truthPath));
            return;
        }
        foreach (var file in SampleShootBridge.Write(folder, Width, Height, StartTime, Cancellation))
        {
            WriteObject(new FileInfo(file));
        }
        Verbose(string.Create(CultureInfo.InvariantCulture, $"sample shoot in {folder}"));
    }
}
