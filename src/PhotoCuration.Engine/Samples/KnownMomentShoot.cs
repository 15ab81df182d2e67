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
/// Builds a shoot with known moments from real photographs, to measure moment grouping: each source
/// photo becomes one moment of seven frames seconds apart — the frame, a 90% crop, a 4% shift, +0.5 EV,
/// −0.7 EV, a re-encode at quality 60, and a re-encode at quality 75 with its EXIF stripped (grouped on
/// visual evidence alone). Every other moment starts 9 s after the previous one ends (different scenes
/// in the same minute, so time alone cannot separate them); the rest start 15 minutes later.
/// </summary>
public sealed class KnownMomentShoot
{
    public const int LongEdge = 1600;

    private static readonly (string Suffix, double Seconds)[] Variants =
    {
        ("a_frame", 0), ("b_crop", 2.1), ("c_shift", 3.7), ("d_brighter", 5.2), ("e_darker", 7.9), ("f_reencode", 9.3), ("g_noexif", 11.0),
    };

    /// <summary>Writes the shoot into <paramref name="folder"/>; returns file name → moment label (the ground truth).</summary>
    public static IReadOnlyDictionary<string, string> Write(IReadOnlyList<string> sources, string folder, DateTime start, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var truth = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var t = start;
        for (var s = 0; s < sources.Count; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            var label = $"scene{s + 1:00}";
            using var frame = LoadFrame(sources[s]);
            foreach (var (suffix, seconds) in Variants)
            {
                var name = $"{label}_{suffix}.jpg";
                truth[name] = label;
                var path = Path.Combine(folder, name);
                if (File.Exists(path)) continue;
                using var variant = Make(frame, suffix);
                var at = t.AddSeconds(seconds);
                if (suffix != "g_noexif") SetTime(variant, at);
                var quality = suffix switch { "f_reencode" => 60, "g_noexif" => 75, _ => 92 };
                AtomicFile.Write(path, stream => variant.SaveAsJpeg(stream, new JpegEncoder { Quality = quality }));
            }
            t = t.AddSeconds(Variants[^1].Seconds + (s % 2 == 0 ? 9 : 900));
        }
        return truth;
    }

    private static Image<Rgb24> LoadFrame(string source)
    {
        var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, source);
        image.Mutate(x => x.AutoOrient());
        var scale = (double)LongEdge / Math.Max(image.Width, image.Height);
        if (scale < 1) image.Mutate(x => x.Resize((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale), KnownResamplers.Lanczos3));
        image.Metadata.ExifProfile = null;
        return image;
    }

    private static Image<Rgb24> Make(Image<Rgb24> frame, string suffix)
    {
        var (w, h) = (frame.Width, frame.Height);
        return suffix switch
        {
            "b_crop" => frame.Clone(x => x.Crop(new Rectangle(w / 20, h / 20, w * 9 / 10, h * 9 / 10)).Resize(w, h)),
            "c_shift" => frame.Clone(x => x.Crop(new Rectangle(w * 4 / 100, 0, w * 96 / 100, h))),
            "d_brighter" => ExposureShift.Apply(frame, +0.5),
            "e_darker" => ExposureShift.Apply(frame, -0.7),
            _ => frame.Clone(),
        };
    }

    private static void SetTime(Image image, DateTime at)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "PhotoCuration");
        exif.SetValue(ExifTag.Model, "Known Moments");
        exif.SetValue(ExifTag.DateTimeOriginal, at.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
        exif.SetValue(ExifTag.SubsecTimeOriginal, (at.Millisecond / 10).ToString("00", CultureInfo.InvariantCulture));
        image.Metadata.ExifProfile = exif;
    }

    /// <summary>Pairwise precision, recall and F1 of "same moment" over all unordered pairs (imagededup's classification metric, docs/algorithms.md#perceptual-hashes).</summary>
    public static (double Precision, double Recall, double F1, long TruePairs, long PredictedPairs) Score(
        IReadOnlyDictionary<string, string> truth, IReadOnlyDictionary<string, string> predicted)
    {
        var names = truth.Keys.Where(predicted.ContainsKey).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = i + 1; j < names.Length; j++)
            {
                var same = truth[names[i]] == truth[names[j]];
                var said = predicted[names[i]] == predicted[names[j]];
                if (same && said) tp++;
                else if (said) fp++;
                else if (same) fn++;
            }
        }
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1, tp + fn, tp + fp);
    }
}
