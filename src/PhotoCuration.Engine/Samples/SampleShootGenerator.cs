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
/// Renders a small, deterministic sample shoot for the demo and the tests: a few outdoor scenes painted
/// with layered value noise (sky, sun, ridges, water, foliage, a subject), bursts of near-identical
/// frames seconds apart, one motion-blurred frame, one underexposed frame, one frame stored sideways
/// with EXIF orientation 6, and a byte-identical copy. Every frame carries EXIF capture time with
/// sub-seconds and offset, camera, exposure and GPS.
/// </summary>
public sealed class SampleShootGenerator
{
    private readonly int _width;
    private readonly int _height;

    public SampleShootGenerator(int width = 1600, int height = 1067)
    {
        if (width < 64 || height < 64) throw new ArgumentOutOfRangeException(nameof(width), "Sample frames must be at least 64×64.");
        _width = width;
        _height = height;
    }

    /// <summary>One frame of the plan: what to paint and how to store it. BlurSigma is in thousandths of the long edge.</summary>
    public sealed record Frame(string FileName, SceneKind Scene, int Seed, int ShiftX, int ShiftY, float Exposure, float BlurSigma, int Orientation, TimeSpan At, string Role);

    public enum SceneKind { Mountains, Lake, Forest, Dusk, Portrait }

    /// <summary>The frames of the sample shoot, in capture order.</summary>
    public static IReadOnlyList<Frame> Plan()
    {
        var frames = new List<Frame>();
        var t = TimeSpan.Zero;
        void Add(string name, SceneKind scene, int seed, int dx = 0, int dy = 0, float ev = 1f, float blur = 0f, int orientation = 1, string role = "", double seconds = 2.4)
        {
            frames.Add(new Frame(name, scene, seed, dx, dy, ev, blur, orientation, t, role));
            t += TimeSpan.FromSeconds(seconds);
        }
        // Burst 1: mountains at morning, four frames seconds apart (the third is the sharpest/best composed).
        Add("IMG_0001.jpg", SceneKind.Mountains, 11, 0, 0, 1.00f, 0.0f, role: "burst");
        Add("IMG_0002.jpg", SceneKind.Mountains, 11, 6, 2, 1.04f, 0.0f, role: "burst");
        Add("IMG_0003.jpg", SceneKind.Mountains, 11, 12, -3, 0.97f, 0.0f, role: "burst");
        // The blurred frame is hopeless at any size (σ 0.9% of the long edge: the gate drops it, docs/algorithms.md#scoring-constants).
        Add("IMG_0004.jpg", SceneKind.Mountains, 11, 18, 1, 1.00f, 9.0f, role: "blurred", seconds: 600);
        // Lake, a pair of frames, then a badly underexposed third.
        Add("IMG_0005.jpg", SceneKind.Lake, 23, 0, 0, 1.00f, role: "burst");
        Add("IMG_0006.jpg", SceneKind.Lake, 23, -8, 4, 1.02f, role: "burst");
        Add("IMG_0007.jpg", SceneKind.Lake, 23, -4, 2, 0.12f, role: "underexposed", seconds: 1500);
        // Forest, one frame held in portrait orientation (stored sideways, EXIF orientation 6).
        Add("IMG_0008.jpg", SceneKind.Forest, 37, role: "single", seconds: 40);
        Add("IMG_0009.jpg", SceneKind.Forest, 41, orientation: 6, role: "rotated", seconds: 1800);
        // A portrait burst in the afternoon.
        Add("IMG_0010.jpg", SceneKind.Portrait, 53, 0, 0, 1.0f, role: "burst");
        Add("IMG_0011.jpg", SceneKind.Portrait, 53, 4, 0, 1.0f, role: "burst", seconds: 3600);
        // Dusk over the hills.
        Add("IMG_0012.jpg", SceneKind.Dusk, 67, role: "single");
        return frames;
    }

    /// <summary>
    /// Writes the shoot into <paramref name="folder"/> (created if needed). Existing files are never
    /// overwritten; returns the paths written.
    /// </summary>
    public IReadOnlyList<string> Write(string folder, DateTime start, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var frame in Plan())
        {
            cancellation.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, frame.FileName);
            if (File.Exists(path)) continue;
            using var image = Render(frame);
            SetExif(image, frame, start + frame.At);
            AtomicFile.Write(path, s => image.SaveAsJpeg(s, new JpegEncoder { Quality = 90 }));
            written.Add(path);
        }
        // A byte-identical copy in a subfolder: ingest must flag it as a duplicate of the original.
        var copy = Path.Combine(folder, "copies", "IMG_0003 copy.jpg");
        var source = Path.Combine(folder, "IMG_0003.jpg");
        if (!File.Exists(copy) && File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            AtomicFile.WriteAllBytes(copy, File.ReadAllBytes(source));
            written.Add(copy);
        }
        return written;
    }

    public Image<Rgb24> Render(Frame frame)
    {
        // A frame "held in portrait" is painted upright as portrait, then stored the way a camera stores
        // it: sensor-landscape pixels rotated a quarter turn, with EXIF orientation 6 to turn them back.
        var portrait = frame.Orientation == 6;
        var (width, height) = portrait ? (_height, _width) : (_width, _height);
        var painter = new ScenePainter(frame.Scene, frame.Seed, width, height);
        var image = new Image<Rgb24>(ImagingConfiguration.Shared, width, height);
        var grain = new Random(frame.Seed * 7919 + frame.ShiftX * 31 + frame.ShiftY);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var (r, g, b) = painter.Paint(x + frame.ShiftX, y + frame.ShiftY);
                    // Sensor-like grain: a photo is never noise-free.
                    var n = (float)(grain.NextDouble() - 0.5) * 6f;
                    row[x] = new Rgb24(ToByte(r * frame.Exposure * 255 + n), ToByte(g * frame.Exposure * 255 + n), ToByte(b * frame.Exposure * 255 + n));
                }
            }
        });
        if (frame.BlurSigma > 0) image.Mutate(x => x.GaussianBlur(frame.BlurSigma / 1000f * Math.Max(width, height)));
        if (portrait) image.Mutate(x => x.Rotate(RotateMode.Rotate270));
        return image;
    }

    private static byte ToByte(float v) => (byte)Math.Clamp((int)(v + 0.5f), 0, 255);

    private static void SetExif(Image image, Frame frame, DateTime at)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "PhotoCuration");
        exif.SetValue(ExifTag.Model, "Sample Camera S1");
        exif.SetValue(ExifTag.LensModel, "Sample 35mm F1.8");
        exif.SetValue(ExifTag.Software, "PhotoCuration sample shoot");
        exif.SetValue(ExifTag.DateTimeOriginal, at.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
        exif.SetValue(ExifTag.SubsecTimeOriginal, (at.Millisecond / 10).ToString("00", CultureInfo.InvariantCulture));
        exif.SetValue(ExifTag.OffsetTimeOriginal, "+02:00");
        exif.SetValue(ExifTag.ExposureTime, frame.Role == "blurred" ? new Rational(1, 8) : new Rational(1, 250));
        exif.SetValue(ExifTag.FNumber, new Rational(28, 10));
        exif.SetValue(ExifTag.ISOSpeedRatings, new ushort[] { frame.Role == "underexposed" ? (ushort)100 : (ushort)200 });
        exif.SetValue(ExifTag.FocalLength, new Rational(35, 1));
        exif.SetValue(ExifTag.Orientation, (ushort)frame.Orientation);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, new[] { new Rational(46, 1), new Rational(33, 1), new Rational(1200, 100) });
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, new[] { new Rational(7, 1), new Rational(58, 1), new Rational(3000, 100) });
        image.Metadata.ExifProfile = exif;
    }
}
