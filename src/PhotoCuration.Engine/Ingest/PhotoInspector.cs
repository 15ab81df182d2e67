using System.Buffers;
using System.Security.Cryptography;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Checks that one file is a photo we can use and reads what ingest records about it: content-sniffed
/// format, <c>sha256:</c> id of the bytes, pixel size from the header (no decode), truncation, EXIF.
/// Reads the file as a stream and never writes to it.
/// </summary>
public sealed class PhotoInspector
{
    /// <summary>Default pixel limit: SPEC section 10 (no decompression bombs).</summary>
    public const double DefaultMaxMegapixels = 250;

    private readonly double _maxMegapixels;

    public PhotoInspector(double maxMegapixels = DefaultMaxMegapixels)
    {
        if (maxMegapixels <= 0) throw new ArgumentOutOfRangeException(nameof(maxMegapixels), "The pixel limit must be positive.");
        _maxMegapixels = maxMegapixels;
    }

    public Photo Inspect(string path, CancellationToken cancellation = default)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Directory.Exists(full))
        {
            throw new PhotoInputException(PhotoErrorIds.NotAFile, PhotoProblem.NotAFile, full, $"'{full}' is a folder, not an image file.");
        }
        if (!File.Exists(full))
        {
            throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, full, $"File '{full}' does not exist.");
        }

        using var stream = OpenRead(full);
        var length = stream.Length;
        if (length == 0)
        {
            throw new PhotoInputException(PhotoErrorIds.EmptyFile, PhotoProblem.InvalidData, full, $"File '{full}' is empty (0 bytes).");
        }

        var extension = System.IO.Path.GetExtension(full);
        var header = ReadHeader(stream);
        var format = PhotoFormats.Sniff(header, extension);
        if (format == PhotoFormat.Unknown)
        {
            throw new PhotoInputException(PhotoErrorIds.NotAnImage, PhotoProblem.InvalidData, full,
                $"'{System.IO.Path.GetFileName(full)}' is not an image: its content starts with {Printable(header)}, which is no known image format (the extension '{extension}' does not decide).");
        }
        if (!PhotoFormats.IsDecodable(format))
        {
            throw new PhotoInputException(PhotoErrorIds.UnsupportedFormat, PhotoProblem.Unsupported, full,
                $"'{System.IO.Path.GetFileName(full)}' is a {PhotoFormats.Describe(format, extension)} file, which this version of PhotoCuration cannot decode. Export it as JPEG, PNG or TIFF.");
        }
        cancellation.ThrowIfCancellationRequested();

        var photoId = HashFile(stream, full);
        cancellation.ThrowIfCancellationRequested();
        var (width, height) = IdentifySize(stream, full, format);
        CheckPixelLimit(full, width, height, _maxMegapixels);
        CheckNotTruncated(stream, full, format);

        stream.Position = 0;
        var exif = ExifReader.Read(stream);

        return new Photo
        {
            PhotoId = photoId,
            Path = full,
            FileName = System.IO.Path.GetFileName(full),
            Format = format.ToString(),
            FileSize = length,
            Width = width,
            Height = height,
            Exif = exif,
        };
    }

    /// <summary>Refuses an image whose header declares more pixels than the limit, before any decode.</summary>
    public static void CheckPixelLimit(string path, int width, int height, double maxMegapixels)
    {
        var megapixels = (double)width * height / 1_000_000;
        if (megapixels > maxMegapixels)
        {
            throw new PhotoInputException(PhotoErrorIds.PixelLimitExceeded, PhotoProblem.LimitExceeded, path,
                FormattableString.Invariant($"'{System.IO.Path.GetFileName(path)}' declares {width}×{height} pixels ({megapixels:0.#} MP), over the limit of {maxMegapixels:0.#} MP; it was not decoded. Raise -MaxMegapixels if the image is genuine."));
        }
    }

    private static FileStream OpenRead(string full)
    {
        try
        {
            // FileShare.ReadWrite|Delete: never block the user's other tools (an editor or a sync
            // client may hold the file open).
            return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.AccessDenied, PhotoProblem.AccessDenied, full, $"File '{full}' cannot be read: access denied.", ex);
        }
        catch (IOException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, PhotoProblem.Unreadable, full, $"File '{full}' cannot be read: {ex.Message}", ex);
        }
    }

    private static byte[] ReadHeader(Stream stream)
    {
        var header = new byte[Math.Min(PhotoFormats.HeaderLength, stream.Length)];
        stream.Position = 0;
        stream.ReadExactly(header);
        return header;
    }

    private static string HashFile(Stream stream, string full)
    {
        try
        {
            stream.Position = 0;
            return Hashing.PhotoIdPrefix + Hashing.Hex(SHA256.HashData(stream));
        }
        catch (IOException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, PhotoProblem.Unreadable, full, $"File '{full}' could not be read to the end: {ex.Message}", ex);
        }
    }

    /// <summary>Width and height from the header only (ImageSharp Identify decodes no pixels).</summary>
    public static (int Width, int Height) IdentifySize(Stream stream, string full, PhotoFormat format)
    {
        stream.Position = 0;
        IImageInfo? info;
        try
        {
            info = Image.Identify(ImagingConfiguration.Shared, stream);
        }
        catch (NotSupportedException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.UnsupportedFormat, PhotoProblem.Unsupported, full,
                $"'{System.IO.Path.GetFileName(full)}' is a {PhotoFormats.Describe(format, "")} variant this version of PhotoCuration cannot decode: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or OverflowException or EndOfStreamException or IOException)
        {
            throw new PhotoInputException(PhotoErrorIds.CorruptImage, PhotoProblem.InvalidData, full,
                $"'{System.IO.Path.GetFileName(full)}' looks like {PhotoFormats.Describe(format, "")} but its header is damaged: {ex.Message}", ex);
        }
        if (info is null || info.Width <= 0 || info.Height <= 0)
        {
            throw new PhotoInputException(PhotoErrorIds.CorruptImage, PhotoProblem.InvalidData, full,
                $"'{System.IO.Path.GetFileName(full)}' looks like {PhotoFormats.Describe(format, "")} but declares no usable pixel size.");
        }
        return (info.Width, info.Height);
    }

    /// <summary>
    /// JPEG and PNG decoders are lenient and would paint the missing part of a cut-off file grey, so the
    /// end marker is checked explicitly: EOI (FF D9) near the end of a JPEG, the IEND chunk of a PNG.
    /// Trailing padding after the marker, as some cameras write, is allowed.
    /// </summary>
    private static void CheckNotTruncated(Stream stream, string full, PhotoFormat format)
    {
        ReadOnlySpan<byte> marker = format switch
        {
            PhotoFormat.Jpeg => new byte[] { 0xFF, 0xD9 },
            PhotoFormat.Png => "IEND"u8,
            _ => default,
        };
        if (marker.IsEmpty) return;
        const int TailLength = 256 * 1024;
        // The end marker must come after the main image's scan starts: an EXIF thumbnail carries an
        // end marker of its own, which in a small cut-off file can sit inside the tail window.
        var scanStart = format == PhotoFormat.Jpeg ? ReadScanStart(stream) : null;
        var tailLength = (int)Math.Min(stream.Length, TailLength);
        var tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            var tailOffset = stream.Length - tailLength;
            stream.Position = tailOffset;
            stream.ReadExactly(tail, 0, tailLength);
            var end = tail.AsSpan(0, tailLength).LastIndexOf(marker);
            if (end < 0 || (scanStart is { } start && tailOffset + end <= start))
            {
                throw new PhotoInputException(PhotoErrorIds.TruncatedImage, PhotoProblem.InvalidData, full,
                    $"'{System.IO.Path.GetFileName(full)}' is truncated: the {PhotoFormats.Describe(format, "")} end marker is missing, so part of the image is lost (an interrupted copy?).");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }

    /// <summary>Where the main JPEG scan starts, from the first 2 MB (metadata segments are at most 64 KB each).</summary>
    private static long? ReadScanStart(Stream stream)
    {
        var length = (int)Math.Min(stream.Length, 2 * 1024 * 1024);
        var head = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            stream.Position = 0;
            stream.ReadExactly(head, 0, length);
            return Preprocess.JpegHeader.ScanStart(head.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private static string Printable(ReadOnlySpan<byte> header)
    {
        var n = Math.Min(8, header.Length);
        var hex = Convert.ToHexString(header[..n]);
        return string.Join(" ", Enumerable.Range(0, n).Select(i => hex.Substring(i * 2, 2)));
    }
}
