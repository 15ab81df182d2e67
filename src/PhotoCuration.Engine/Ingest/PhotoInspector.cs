using System.Buffers;
using System.Security.Cryptography;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Ingest.Raw;
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
    /// <summary>Default pixel limit: docs/architecture.md#inputs-that-must-work (no decompression bombs).</summary>
    public const double DefaultMaxMegapixels = 250;

    private readonly double _maxMegapixels;

    public PhotoInspector(double maxMegapixels = DefaultMaxMegapixels)
    {
        if (maxMegapixels <= 0) throw new ArgumentOutOfRangeException(nameof(maxMegapixels), "The pixel limit must be positive.");
        _maxMegapixels = maxMegapixels;
    }

    public Photo Inspect(string path, CancellationToken cancellation = default) => Inspect(path, cancellation, keepBytes: null);

    /// <summary>
    /// Inspects a photo; <paramref name="keepBytes"/>, when given, receives (full path, the file's bytes)
    /// of an accepted photo: the bytes its id was hashed from, which preprocess decodes in the same
    /// streamed run instead of reading the file again (docs/architecture.md#one-read-one-decode).
    /// </summary>
    public Photo Inspect(string path, CancellationToken cancellation, Action<string, byte[]>? keepBytes)
    {
        var full = System.IO.Path.GetFullPath(path);
        CheckIsRegularFile(full);

        using var file = OpenRead(full);
        var length = file.Length;
        if (length == 0)
        {
            throw new PhotoInputException(PhotoErrorIds.EmptyFile, PhotoProblem.InvalidData, full, $"File '{full}' is empty (0 bytes).");
        }

        var extension = System.IO.Path.GetExtension(full);
        var header = ReadHeader(file);
        var format = PhotoFormats.Sniff(header, extension);
        if (format == PhotoFormat.Unknown)
        {
            throw new PhotoInputException(PhotoErrorIds.NotAnImage, PhotoProblem.InvalidData, full,
                $"'{System.IO.Path.GetFileName(full)}' is not an image: its content starts with {Printable(header)}, which is no known image format (the extension '{extension}' does not decide).");
        }
        if (!PhotoFormats.IsReadable(format))
        {
            throw new PhotoInputException(PhotoErrorIds.UnsupportedFormat, PhotoProblem.Unsupported, full,
                $"'{System.IO.Path.GetFileName(full)}' is a {PhotoFormats.Describe(format, extension)} file, which this version of PhotoCuration cannot decode. Export it as JPEG, PNG or TIFF.");
        }
        cancellation.ThrowIfCancellationRequested();

        // One read of the file: the formats checked for truncation are read whole anyway, and so is a
        // file whose bytes go on to preprocess; the id, the checks and the EXIF then work on memory.
        var bytes = keepBytes is not null || NeedsWholeFile(format) ? ReadAll(file, full) : null;
        using var memory = bytes is null ? null : new MemoryStream(bytes, writable: false);
        Stream stream = (Stream?)memory ?? file;
        var photoId = bytes is null ? HashFile(stream, full) : Hashing.PhotoIdPrefix + Hashing.Hex(SHA256.HashData(bytes));
        cancellation.ThrowIfCancellationRequested();

        PhotoExif exif;
        int width, height;
        if (PhotoFormats.IsRaw(format))
        {
            // A RAW is read through the camera's embedded full-size JPEG: size, limit and completeness
            // are those of that JPEG; the EXIF is the RAW's own.
            var previewBytes = RawPreviewBytes(stream, full, format, extension, out _);
            using var preview = new MemoryStream(previewBytes, writable: false);
            (width, height) = IdentifySize(preview, full, PhotoFormat.Jpeg);
            CheckPixelLimit(full, width, height, _maxMegapixels);
            CheckNotTruncated(previewBytes, full, PhotoFormat.Jpeg, "embedded JPEG preview's");
            exif = RawExif.Read(stream, format, previewBytes);
        }
        else
        {
            ContainerCheck.Validate(stream, full, format);
            (width, height) = IdentifySize(stream, full, format);
            CheckPixelLimit(full, width, height, _maxMegapixels);
            if (bytes is not null) CheckNotTruncated(bytes, full, format, PhotoFormats.Describe(format, ""));
            stream.Position = 0;
            exif = ExifReader.Read(stream);
        }

        if (bytes is not null) keepBytes?.Invoke(full, bytes);
        return new Photo
        {
            PhotoId = photoId,
            Path = full,
            FileName = System.IO.Path.GetFileName(full),
            Format = PhotoFormats.Label(format, extension),
            FileSize = length,
            Width = width,
            Height = height,
            Exif = exif,
        };
    }

    /// <summary>
    /// Refuses, before anything opens it, a path that is no regular file: a folder, a named pipe, socket
    /// or device (opening a pipe waits for a writer for ever), a dangling link, a name that is not UTF-8,
    /// a missing file. See docs/algorithms.md#hostile-file-systems.
    /// </summary>
    public static void CheckIsRegularFile(string full)
    {
        var node = FileNode.Of(full);
        if (node is { Kind: FileNodeKind.Directory })
        {
            throw new PhotoInputException(PhotoErrorIds.NotAFile, PhotoProblem.NotAFile, full, $"'{full}' is a folder, not an image file.");
        }
        if (node is { Kind: not FileNodeKind.Regular } special)
        {
            throw new PhotoInputException(PhotoErrorIds.NotARegularFile, PhotoProblem.NotAFile, full,
                $"'{full}' is {FileNode.Describe(special.Kind)}, not a regular file; it was not opened (only regular files are read).");
        }
        if (node is not null) return;
        if (UndecodableFileName.Explain(full) is { } undecodable)
        {
            throw new PhotoInputException(PhotoErrorIds.FileNameNotUtf8, PhotoProblem.NotFound, full, undecodable);
        }
        if (FileNode.OfLink(full) is { Kind: FileNodeKind.SymbolicLink })
        {
            var target = new FileInfo(full).LinkTarget;
            throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, full, $"'{full}' is a symbolic link to '{target}', which does not exist.");
        }
        if (!File.Exists(full))
        {
            throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, full, $"File '{full}' does not exist.");
        }
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
        catch (Exception ex) when (DecoderFailures.IsDecoderFailure(ex))
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
    /// Lenient decoders paint the missing part of a cut-off file grey, so completeness is checked from
    /// the container structure: the primary JPEG image's EOI after its first SOS (embedded previews in
    /// APPn segments are skipped; trailers after the EOI are allowed), PNG IEND, GIF trailer block,
    /// BMP and WebP declared sizes.
    /// </summary>
    private static bool NeedsWholeFile(PhotoFormat format) =>
        format is PhotoFormat.Jpeg or PhotoFormat.Png or PhotoFormat.Gif or PhotoFormat.Bmp or PhotoFormat.WebP;

    private static byte[] ReadAll(Stream stream, string full)
    {
        try
        {
            stream.Position = 0;
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (IOException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, PhotoProblem.Unreadable, full, $"File '{full}' could not be read to the end: {ex.Message}", ex);
        }
    }

    private static void CheckNotTruncated(byte[] bytes, string full, PhotoFormat format, string what)
    {
        if (!NeedsWholeFile(format)) return;
        var complete = format switch
        {
            PhotoFormat.Jpeg => JpegComplete(bytes),
            PhotoFormat.Png => bytes.AsSpan(Math.Max(0, bytes.Length - 256 * 1024)).LastIndexOf("IEND"u8) >= 0,
            PhotoFormat.Gif => GifComplete(bytes),
            PhotoFormat.Bmp => bytes.Length < 6 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(2)) is var size && (size == 0 || size <= bytes.Length),
            _ => bytes.Length >= 8 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)) + 8L <= bytes.Length,
        };
        if (!complete)
        {
            throw new PhotoInputException(PhotoErrorIds.TruncatedImage, PhotoProblem.InvalidData, full,
                $"'{System.IO.Path.GetFileName(full)}' is truncated: the {what} end marker is missing, so part of the image is lost (an interrupted copy?).");
        }
    }

    /// <summary>
    /// The bytes of a RAW file's largest embedded JPEG, found by parsing the container; a RAW without one
    /// is refused by name (this version does not demosaic sensor data).
    /// </summary>
    public static byte[] RawPreviewBytes(Stream stream, string full, PhotoFormat format, string extension, out RawPreview preview)
    {
        RawPreview? found;
        byte[]? bytes = null;
        try
        {
            stream.Position = 0;
            found = RawPreviewLocator.Find(stream, format);
            if (found is not null) bytes = RawPreviewLocator.Read(stream, found);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, PhotoProblem.Unreadable, full, $"File '{full}' could not be read: {ex.Message}", ex);
        }
        if (found is null || bytes is null)
        {
            throw new PhotoInputException(PhotoErrorIds.UnsupportedFormat, PhotoProblem.Unsupported, full,
                $"'{System.IO.Path.GetFileName(full)}' is a {PhotoFormats.Describe(format, extension)} file without an embedded full-size JPEG preview that PhotoCuration can find; RAW files are read through that preview. Export it as JPEG or TIFF, or keep the camera JPEG beside it.");
        }
        preview = found;
        return bytes;
    }

    private static bool JpegComplete(byte[] b)
    {
        var i = 2;
        var seenScan = false;
        while (i + 1 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                // Entropy-coded data: most of the file, skipped with a vectorized search for the next marker.
                var next = b.AsSpan(i).IndexOf((byte)0xFF);
                if (next < 0) return false;
                i += next;
                continue;
            }
            var m = b[i + 1];
            if (m == 0x00 || m == 0xFF || (m >= 0xD0 && m <= 0xD7)) { i += m == 0xFF ? 1 : 2; continue; } // stuffing, fill, RSTn
            if (m == 0xD9) return seenScan;
            if (i + 3 >= b.Length) return false;
            var length = (b[i + 2] << 8) | b[i + 3];
            if (m == 0xDA) seenScan = true;
            i += 2 + length;                                       // skips APPn payloads (previews) whole
        }
        return false;
    }

    private static bool GifComplete(byte[] b)
    {
        if (b.Length < 13) return false;
        var i = 13;
        if ((b[10] & 0x80) != 0) i += 3 << ((b[10] & 7) + 1);
        while (i < b.Length)
        {
            switch (b[i])
            {
                case 0x3B: return true;
                case 0x21: i += 2; break;
                case 0x2C:
                    if (i + 10 > b.Length) return false;
                    var flags = b[i + 9];
                    i += 10;
                    if ((flags & 0x80) != 0) i += 3 << ((flags & 7) + 1);
                    i += 1; // LZW minimum code size
                    break;
                default: return false;
            }
            while (i < b.Length && b[i] != 0) i += b[i] + 1;    // data sub-blocks
            i++;                                                  // block terminator
        }
        return false;
    }

    private static string Printable(ReadOnlySpan<byte> header)
    {
        var n = Math.Min(8, header.Length);
        var hex = Convert.ToHexString(header[..n]);
        return string.Join(" ", Enumerable.Range(0, n).Select(i => hex.Substring(i * 2, 2)));
    }
}
