using System.Diagnostics;
using NetVips;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using VipsImage = NetVips.Image;

namespace PhotoCuration.Engine.Imaging;

/// <summary>
/// Decodes a JPEG with libvips at reduced scale (shrink-on-load, <see cref="ShrinkOnLoad"/>), applies the
/// EXIF orientation and reduces it with Lanczos3 to the wanted size, in one pass over the file's bytes.
/// Only 1- and 3-component JPEGs come here, the camera case: CMYK/YCCK JPEGs and every other format
/// keep the ImageSharp path, whose colour handling the tests pin (docs/decoders.md).
/// </summary>
public static class VipsDecoder
{
    /// <summary>Whether this decoder takes the file: a 1- or 3-component JPEG and a loadable libvips.</summary>
    public static bool Handles(PhotoFormat format, byte[] bytes) =>
        format == PhotoFormat.Jpeg && JpegHeader.ComponentCount(bytes) is 1 or 3 && VipsRuntime.IsAvailable;

    /// <summary>
    /// Decodes <paramref name="bytes"/> at the largest shrink that keeps the long edge ≥
    /// <paramref name="longEdge"/>, orients it upright and resizes it (Lanczos3) so its long edge is
    /// <c>min(longEdge, original)</c>. Fails with <see cref="PhotoInputException"/> (decode-failed,
    /// decode-timed-out or over the pixel limit) and never hands back a partial result.
    /// </summary>
    public static RgbPixels DecodeToLongEdge(byte[] bytes, int longEdge, int? orientationOverride, double maxMegapixels,
        TimeSpan timeLimit, Photo photo, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeLimit);
        try
        {
            int storedWidth, storedHeight, orientation;
            byte[]? icc;
            using (var header = VipsImage.NewFromBuffer(bytes, access: Enums.Access.Sequential))
            {
                (storedWidth, storedHeight) = (header.Width, header.Height);
                orientation = orientationOverride ?? OrientationOf(header);
                icc = header.Contains("icc-profile-data") ? header.Get("icc-profile-data") as byte[] : null;
            }
            // The caller checked the limit on ImageSharp's reading of the header; libvips reads it
            // itself, and a damaged file can make two parsers disagree.
            PhotoInspector.CheckPixelLimit(photo.Path, storedWidth, storedHeight, maxMegapixels);

            var shrink = ShrinkOnLoad.JpegFactor(storedWidth, storedHeight, longEdge);
            var rotates = orientation >= 5;
            var (orientedWidth, orientedHeight) = rotates ? (storedHeight, storedWidth) : (storedWidth, storedHeight);
            var (targetWidth, targetHeight) = ImageSizing.FitLongEdge(orientedWidth, orientedHeight, longEdge);
            // Resize before rotating (cheaper on the smaller image): the stored-frame target swaps with the rotation.
            var (storedTargetWidth, storedTargetHeight) = rotates ? (targetHeight, targetWidth) : (targetWidth, targetHeight);

            using var loaded = VipsImage.JpegloadBuffer(bytes, shrink: shrink, autorotate: false, access: Enums.Access.Sequential);
            // `loaded` is the decoded image before any resize (stored frame, 1/shrink of the original):
            // a measure of the original-scale pixels belongs here, as a branch of this one sequential pass.
            using var reduced = Reduce(loaded, storedTargetWidth, storedTargetHeight);
            using var rgb = reduced.Bands == 3 ? reduced.Copy() : reduced.Colourspace(Enums.Interpretation.Srgb);
            if (rgb.Width != storedTargetWidth || rgb.Height != storedTargetHeight || rgb.Bands != 3 || rgb.Format != Enums.BandFormat.Uchar)
            {
                throw new VipsException($"unexpected result {rgb.Width}x{rgb.Height}x{rgb.Bands} {rgb.Format}, wanted {storedTargetWidth}x{storedTargetHeight} rgb");
            }
            rgb.SetProgress(NoProgress.Instance, deadline.Token);
            // The decode runs here, top to bottom (sequential access); the rotation works on memory.
            var pixels = Orient(rgb.WriteToMemory<byte>(), storedTargetWidth, storedTargetHeight, orientation);
            // libvips checks the kill flag between tiles; a decode that finished past the limit anyway
            // gets the same verdict, so the outcome never hangs on timer timing.
            if (clock.Elapsed > timeLimit && !cancellation.IsCancellationRequested) throw TimedOut(photo, timeLimit, null);
            cancellation.ThrowIfCancellationRequested();
            return new RgbPixels(pixels, targetWidth, targetHeight)
            {
                OriginalWidth = orientedWidth,
                OriginalHeight = orientedHeight,
                Orientation = orientation,
                Shrink = shrink,
                IccProfile = icc,
            };
        }
        catch (VipsException ex)
        {
            if (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested) throw TimedOut(photo, timeLimit, ex);
            cancellation.ThrowIfCancellationRequested();
            throw new PhotoInputException(PhotoErrorIds.DecodeFailed, PhotoProblem.InvalidData, photo.Path,
                $"'{photo.FileName}' could not be decoded as a JPEG image: {FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>Lanczos3 reduction of packed RGB pixels to exactly <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static RgbPixels Resize(RgbPixels source, int width, int height)
    {
        if (source.Width == width && source.Height == height) return source;
        using var image = VipsImage.NewFromMemory(source.Data, source.Width, source.Height, 3, Enums.BandFormat.Uchar);
        using var resized = Reduce(image, width, height);
        if (resized.Width != width || resized.Height != height) throw new InvalidOperationException($"libvips resized to {resized.Width}x{resized.Height}, wanted {width}x{height}");
        return new RgbPixels(resized.WriteToMemory<byte>(), width, height);
    }

    /// <summary>Baseline JPEG, 4:2:0, no metadata (orientation is applied, colour is sRGB, GPS stays private).</summary>
    public static byte[] EncodeJpeg(RgbPixels pixels, int quality)
    {
        using var image = VipsImage.NewFromMemory(pixels.Data, pixels.Width, pixels.Height, 3, Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: quality, subsampleMode: Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
    }

    /// <summary>
    /// Lanczos3 to an exact size. libvips sizes its output as round(input × scale), so the exact ratio
    /// lands on the wanted size (any disagreement is caught by the callers' size checks).
    /// </summary>
    private static VipsImage Reduce(VipsImage image, int width, int height)
    {
        if (image.Width == width && image.Height == height) return image.Copy();
        return image.Resize((double)width / image.Width, kernel: Enums.Kernel.Lanczos3, vscale: (double)height / image.Height);
    }

    private static byte[] Orient(byte[] pixels, int width, int height, int orientation)
    {
        if (orientation is < 2 or > 8) return pixels;
        using var stored = VipsImage.NewFromMemory(pixels, width, height, 3, Enums.BandFormat.Uchar);
        using var upright = orientation switch
        {
            2 => stored.FlipHor(),
            3 => stored.Rot180(),
            4 => stored.FlipVer(),
            5 => Then(stored.Rot90(), static r => r.FlipHor()),
            6 => stored.Rot90(),
            7 => Then(stored.Rot270(), static r => r.FlipHor()),
            _ => stored.Rot270(),
        };
        return upright.WriteToMemory<byte>();
    }

    private static VipsImage Then(VipsImage first, Func<VipsImage, VipsImage> next)
    {
        using (first) return next(first);
    }

    private static int OrientationOf(VipsImage image)
    {
        if (!image.Contains("orientation")) return 1;
        return image.Get("orientation") is int value && value is >= 1 and <= 8 ? value : 1;
    }

    private static PhotoInputException TimedOut(Photo photo, TimeSpan timeLimit, Exception? inner) =>
        new(PhotoErrorIds.DecodeTimedOut, PhotoProblem.LimitExceeded, photo.Path,
            FormattableString.Invariant($"'{photo.FileName}' took longer than {timeLimit.TotalSeconds:0.###} s to decode and was given up (the file is probably damaged)."), inner);

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 300 ? line[..300] : line;
    }

    private sealed class NoProgress : IProgress<int>
    {
        public static readonly NoProgress Instance = new();
        public void Report(int value) { }
    }
}
