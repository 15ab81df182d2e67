using System.Globalization;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PhotoCuration.Engine.Samples;

/// <summary>
/// Builds a shoot with known moments and known good and bad frames from real photographs, to measure the
/// judgment (gate, ranking inside a moment, hero, picks, stars). Each degradable source becomes one
/// moment of eleven frames 1–3 s apart: five acceptable (the original; a 1–3% shift; ±0.15–0.3 EV; a
/// quality-85 re-encode; a 0.5–0.75× resized copy, which must rank below the original) and six bad
/// (Gaussian blur σ 0.3–0.7% of the long edge; motion blur 0.5–2.5% of the long edge at a random angle;
/// −2.3 to −4.5 EV; +2.3 to +4.5 EV; signal-dependent noise k 0.10–0.14 (<see cref="SignalNoise"/>);
/// −2 to −3 EV with motion blur 1–2%). Each must-not-drop source (a real low-key, night, mist,
/// silhouette or high-key photo) becomes a moment of its own with one mild sibling (a 2% shift).
/// Moments start 10 minutes apart. Frame order inside a moment, and every parameter, come from a
/// generator seeded with the seed and the source's path, so a source gets the same frames
/// whatever else is in the shoot; same sources and seed give the same bytes.
/// See docs/algorithms.md#degraded-known-moment-shoot.
/// </summary>
public static class DegradedMomentShoot
{
    public const int LongEdge = 1600;
    public const int Quality = 92;

    /// <summary>One source photograph: its path and its kind ("scene" is degraded; any other kind is a must-not-drop photo).</summary>
    public sealed record Source(string Path, string Kind);

    /// <summary>Writes the shoot into <paramref name="folder"/> (existing files are kept); returns the ground truth, frame by frame, in file name order.</summary>
    /// <param name="enlarged">
    /// Adds a twelfth, acceptable frame to every burst: the photo reduced to 0.35–0.7× and enlarged back to
    /// full size (bicubic), which must rank below the original (docs/algorithms.md#effective-resolution).
    /// Off, the shoot is the eleven-frame one, byte for byte.
    /// </param>
    public static IReadOnlyList<JudgedFrame> Write(IReadOnlyList<Source> sources, string folder, DateTime start, int seed, CancellationToken cancellation = default, bool enlarged = false)
    {
        Directory.CreateDirectory(folder);
        var truth = new List<JudgedFrame>();
        for (var s = 0; s < sources.Count; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            var source = sources[s];
            var moment = $"j{s + 1:000}";
            var random = new Random(SeedFor(seed, source.Path));
            var plans = source.Kind == "scene" ? PlanBurst(random, enlarged) : PlanIntent(source.Kind);
            var order = Shuffle(plans.Count, random);
            using var frame = LoadFrame(source.Path);
            var t = start.AddMinutes(10 * s);
            var names = new string[plans.Count];
            for (var i = 0; i < order.Length; i++) names[order[i]] = $"{moment}_{i + 1:00}.jpg";
            for (var i = 0; i < order.Length; i++)
            {
                var plan = plans[order[i]];
                t = t.AddSeconds(i == 0 ? 0 : 1 + random.Next(0, 2001) / 1000.0);
                var name = names[order[i]];
                truth.Add(new JudgedFrame
                {
                    File = name, Moment = moment, Source = source.Path, Kind = source.Kind,
                    Role = plan.Bad ? "bad" : "acceptable", Variant = plan.Variant, CaptureTime = t,
                    Parameters = new SortedDictionary<string, double>(plan.Parameters(frame), StringComparer.Ordinal),
                    RanksBelow = plan.Variant is "resized" or "enlarged" ? names[0] : null,
                });
                var path = System.IO.Path.Combine(folder, name);
                if (File.Exists(path)) continue;
                using var variant = plan.Make(frame);
                SetTime(variant, t);
                AtomicFile.Write(path, stream => variant.SaveAsJpeg(stream, new JpegEncoder { Quality = plan.Quality }));
            }
        }
        return truth.OrderBy(f => f.File, StringComparer.Ordinal).ToList();
    }

    /// <summary>A planned frame: its variant, whether it is bad, how to make it from the loaded frame, and its parameters.</summary>
    private sealed record Plan(string Variant, bool Bad, Func<Image<Rgb24>, Image<Rgb24>> Make, Func<Image<Rgb24>, IDictionary<string, double>> Parameters, int Quality = DegradedMomentShoot.Quality);

    private static List<Plan> PlanBurst(Random random, bool enlarged)
    {
        // Draw every parameter up front, in a fixed order, so the frames do not depend on each other.
        double Between(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        var shift = Between(0.01, 0.03);
        var ev = Between(0.15, 0.3) * (random.Next(2) == 0 ? -1 : 1);
        var scale = Between(0.5, 0.75);
        var gauss = Between(0.003, 0.007);
        var motion = Between(0.005, 0.025);
        var motionAngle = Between(0, 180);
        var under = -Between(2.3, 4.5);
        var over = Between(2.3, 4.5);
        var noise = Between(0.10, 0.14);
        var noiseSeed = random.Next();
        var darkEv = -Between(2.0, 3.0);
        var darkMotion = Between(0.01, 0.02);
        var darkAngle = Between(0, 180);
        // Drawn last, and only when asked: the eleven-frame shoot keeps its draws.
        var upScale = enlarged ? Between(0.35, 0.7) : 0;
        static int Long(Image<Rgb24> f) => Math.Max(f.Width, f.Height);
        var plans = new List<Plan>
        {
            new("original", false, f => f.Clone(), _ => new Dictionary<string, double>()),
            new("shift", false, f => Shift(f, shift), _ => new Dictionary<string, double> { ["shift"] = Math.Round(shift, 4) }),
            new("exposure", false, f => ExposureShift.Apply(f, ev), _ => new Dictionary<string, double> { ["ev"] = Math.Round(ev, 3) }),
            new("reencode", false, f => f.Clone(), _ => new Dictionary<string, double> { ["quality"] = 85 }, 85),
            new("resized", false, f => f.Clone(x => x.Resize((int)Math.Round(f.Width * scale), (int)Math.Round(f.Height * scale), KnownResamplers.Lanczos3)),
                _ => new Dictionary<string, double> { ["scale"] = Math.Round(scale, 4) }),
            new("gaussian_blur", true, f => f.Clone(x => x.GaussianBlur((float)(gauss * Long(f)))),
                f => new Dictionary<string, double> { ["sigma_fraction"] = Math.Round(gauss, 5), ["sigma_px"] = Math.Round(gauss * Long(f), 2) }),
            new("motion_blur", true, f => MotionBlur.Apply(f, motion * Long(f), motionAngle),
                f => new Dictionary<string, double> { ["length_fraction"] = Math.Round(motion, 5), ["length_px"] = Math.Round(motion * Long(f), 2), ["angle_deg"] = Math.Round(motionAngle, 1) }),
            new("underexposed", true, f => ExposureShift.Apply(f, under), _ => new Dictionary<string, double> { ["ev"] = Math.Round(under, 3) }),
            new("overexposed", true, f => ExposureShift.Apply(f, over), _ => new Dictionary<string, double> { ["ev"] = Math.Round(over, 3) }),
            new("noise", true, f => SignalNoise.Apply(f, noise, noiseSeed), _ => new Dictionary<string, double> { ["k"] = Math.Round(noise, 4) }),
            new("dark_motion_blur", true, f => DarkAndShaken(f, darkEv, darkMotion * Long(f), darkAngle),
                f => new Dictionary<string, double> { ["ev"] = Math.Round(darkEv, 3), ["length_fraction"] = Math.Round(darkMotion, 5), ["length_px"] = Math.Round(darkMotion * Long(f), 2), ["angle_deg"] = Math.Round(darkAngle, 1) }),
        };
        if (enlarged)
        {
            plans.Add(new("enlarged", false, f => Enlarge(f, upScale),
                f => new Dictionary<string, double> { ["scale"] = Math.Round(upScale, 4), ["source_long_edge"] = Math.Round(upScale * Long(f)) }));
        }
        return plans;
    }

    private static Image<Rgb24> Enlarge(Image<Rgb24> frame, double scale)
    {
        // A small picture blown up to the camera's size: Lanczos-3 down (the small original), bicubic up.
        using var small = frame.Clone(x => x.Resize((int)Math.Round(frame.Width * scale), (int)Math.Round(frame.Height * scale), KnownResamplers.Lanczos3));
        return small.Clone(x => x.Resize(frame.Width, frame.Height, KnownResamplers.Bicubic));
    }

    private static List<Plan> PlanIntent(string kind) => new()
    {
        new("original", false, f => f.Clone(), _ => new Dictionary<string, double>()),
        new("shift", false, f => Shift(f, 0.02), _ => new Dictionary<string, double> { ["shift"] = 0.02 }),
    };

    private static Image<Rgb24> Shift(Image<Rgb24> frame, double fraction)
    {
        // The camera moved a little: the same scene, a strip lost on one side, nothing resampled.
        var dx = Math.Max(1, (int)Math.Round(frame.Width * fraction));
        return frame.Clone(x => x.Crop(new Rectangle(dx, 0, frame.Width - dx, frame.Height)));
    }

    private static Image<Rgb24> DarkAndShaken(Image<Rgb24> frame, double ev, double length, double angle)
    {
        // Shake happens while the shutter is open, before the exposure is encoded: blur, then darken.
        using var shaken = MotionBlur.Apply(frame, length, angle);
        return ExposureShift.Apply(shaken, ev);
    }

    /// <summary>A seeded permutation (Fisher–Yates): position i of the moment shows plan order[i].</summary>
    private static int[] Shuffle(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// FNV-1a of the source's full path mixed with the seed, then MurmurHash3's finalizer so that nearby
    /// hashes give unrelated generators: stable across runs, machines and .NET versions. The full path,
    /// not the file name: wallpaper packages name every photo alike (…/contents/images/2560x1600.jpg).
    /// </summary>
    public static int SeedFor(int seed, string sourcePath)
    {
        var hash = 2166136261u;
        foreach (var c in sourcePath) { hash ^= c; hash *= 16777619u; }
        hash ^= (uint)seed; hash *= 16777619u;
        hash ^= hash >> 16; hash *= 0x85ebca6bu; hash ^= hash >> 13; hash *= 0xc2b2ae35u; hash ^= hash >> 16;
        return (int)(hash & 0x7fffffff);
    }

    private static Image<Rgb24> LoadFrame(string source)
    {
        var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, source);
        image.Mutate(x => x.AutoOrient());
        var scale = (double)LongEdge / Math.Max(image.Width, image.Height);
        if (scale < 1) image.Mutate(x => x.Resize((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale), KnownResamplers.Lanczos3));
        image.Metadata.ExifProfile = null;
        image.Metadata.IccProfile = null;
        return image;
    }

    private static void SetTime(Image image, DateTime at)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "PhotoCuration");
        exif.SetValue(ExifTag.Model, "Degraded Moments");
        exif.SetValue(ExifTag.DateTimeOriginal, at.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
        exif.SetValue(ExifTag.SubsecTimeOriginal, (at.Millisecond / 10).ToString("00", CultureInfo.InvariantCulture));
        image.Metadata.ExifProfile = exif;
    }
}
