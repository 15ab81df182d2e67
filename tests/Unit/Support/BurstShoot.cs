using System.Globalization;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// A realistic shoot for selection and export: each real photograph (Debian's mate-backgrounds when
/// installed, .ci/run installs them; else rendered scenes of the sample shoot) becomes one moment of
/// six frames seconds apart — the frame, a 92% crop, −1 EV, a Gaussian blur (σ 0.6% of the long edge),
/// added noise, and a nearly black frame (4% brightness: hopeless, the gate drops it) — at hours spread over a day, so times of day differ. Run through ingest,
/// preprocess, features and scoring by the engine; each photo carries its moment (the source) as MomentId.
/// </summary>
public sealed class BurstShoot : IDisposable
{
    public const string BatchId = "burst";
    public const int LongEdge = 960;
    private static readonly string[] DebianFolders = { "/usr/share/backgrounds/mate/nature", "/usr/share/backgrounds/mate/abstract", "/usr/share/backgrounds/mate/desktop" };
    private static readonly int[] Hours = { 6, 9, 12, 15, 18, 21, 7, 11, 14, 17, 19, 22, 8, 13 };
    private readonly TempFolder _temp = new();

    public BurstShoot()
    {
        var shootDir = Directory.CreateDirectory(Path.Combine(_temp.Path, "shoot")).FullName;
        var sources = Sources();
        for (var s = 0; s < sources.Count; s++)
        {
            using var frame = sources[s]();
            var at = new DateTime(2024, 6, 1, Hours[s % Hours.Length], 10, 0);
            foreach (var (suffix, i) in new[] { "a_frame", "b_crop", "c_darker", "d_blur", "e_noise", "f_black" }.Select((x, i) => (x, i)))
            {
                using var variant = Variant(frame, suffix, s);
                var exif = new ExifProfile();
                exif.SetValue(ExifTag.DateTimeOriginal, at.AddSeconds(2 * i).ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
                variant.Metadata.ExifProfile = exif;
                variant.SaveAsJpeg(Path.Combine(shootDir, $"m{s + 1:00}_{suffix}.jpg"), new JpegEncoder { Quality = 90 });
            }
        }
        Layout = new WorkspaceLayout(Directory.CreateDirectory(Path.Combine(_temp.Path, "ws")).FullName);
        Theme = ThemeLoader.BuiltIn();
        Photos = EnginePipeline.Score(shootDir, Layout, BatchId, Theme, new UserOverrides(null, null));
        foreach (var p in Photos) p.MomentId = p.FileName[..3];
    }

    public WorkspaceLayout Layout { get; }
    public PhotoTheme Theme { get; }

    /// <summary>Every photo after scoring, the ones the gate dropped included (as with -IncludeDropped).</summary>
    public IReadOnlyList<Photo> Photos { get; }

    public bool RealPhotographs { get; private set; }

    private List<Func<Image<Rgb24>>> Sources()
    {
        var files = DebianFolders.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.jpg"))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Contains('_'))
            .OrderBy(f => f, StringComparer.Ordinal).Take(Hours.Length).ToList();
        RealPhotographs = files.Count >= 8;
        if (RealPhotographs) return files.Select(f => (Func<Image<Rgb24>>)(() => Fit(Image.Load<Rgb24>(f)))).ToList();
        var generator = new SampleShootGenerator(LongEdge, LongEdge * 2 / 3);
        return Enumerable.Range(0, 10).Select(i => (Func<Image<Rgb24>>)(() => generator.Render(new SampleShootGenerator.Frame(
            "x.jpg", (SampleShootGenerator.SceneKind)(i % 5), 100 + 7 * i, 0, 0, 1f, 0f, 1, TimeSpan.Zero, "")))).ToList();
    }

    private static Image<Rgb24> Fit(Image<Rgb24> image)
    {
        var scale = (double)LongEdge / Math.Max(image.Width, image.Height);
        image.Mutate(x => x.Resize((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale)));
        return image;
    }

    private static Image<Rgb24> Variant(Image<Rgb24> frame, string suffix, int seed)
    {
        var image = frame.Clone();
        var (w, h) = (image.Width, image.Height);
        switch (suffix)
        {
            case "b_crop":
                image.Mutate(x => x.Crop(new Rectangle(w * 4 / 100, h * 4 / 100, w * 92 / 100, h * 92 / 100)).Resize(w, h));
                break;
            case "c_darker":
                image.Mutate(x => x.Brightness(0.5f));
                break;
            case "f_black":
                image.Mutate(x => x.Brightness(0.04f));
                break;
            case "d_blur":
                image.Mutate(x => x.GaussianBlur(0.006f * Math.Max(w, h)));
                break;
            case "e_noise":
                var random = new Random(seed);
                image.ProcessPixelRows(rows =>
                {
                    for (var y = 0; y < rows.Height; y++)
                    {
                        foreach (ref var p in rows.GetRowSpan(y))
                        {
                            var n = (int)(random.NextDouble() * 36 - 18);
                            p = new Rgb24(Clamp(p.R + n), Clamp(p.G + n), Clamp(p.B + n));
                        }
                    }
                });
                break;
        }
        return image;
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    public void Dispose() => _temp.Dispose();
}

public sealed class BurstShootFixture : IDisposable
{
    public BurstShoot Value { get; } = new();
    public void Dispose() => Value.Dispose();
}

[Xunit.CollectionDefinition(Name)]
public sealed class BurstShootCollection : Xunit.ICollectionFixture<BurstShootFixture>
{
    public const string Name = "Burst shoot";
}
