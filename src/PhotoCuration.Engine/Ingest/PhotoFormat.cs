namespace PhotoCuration.Engine.Ingest;

/// <summary>Container formats recognised by their bytes (never by extension).</summary>
public enum PhotoFormat
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    Bmp,
    Tiff,
    WebP,
    // Recognised so the error can name them; not decodable.
    Heif,
    Avif,
    JpegXl,
    Psd,
    // RAW containers: read through their embedded full-size JPEG (Ingest/Raw).
    CanonCr2,
    CanonCr3,
    FujiRaf,
    OlympusOrf,
    PanasonicRw2,
    /// <summary>A TIFF container whose extension says RAW (NEF, ARW, DNG, PEF, …).</summary>
    TiffRaw,
}

public static class PhotoFormats
{
    /// <summary>Formats ImageSharp decodes directly.</summary>
    public static bool IsDecodable(PhotoFormat format) =>
        format is PhotoFormat.Jpeg or PhotoFormat.Png or PhotoFormat.Gif or PhotoFormat.Bmp or PhotoFormat.Tiff or PhotoFormat.WebP;

    public static bool IsRaw(PhotoFormat format) =>
        format is PhotoFormat.CanonCr2 or PhotoFormat.CanonCr3 or PhotoFormat.FujiRaf or PhotoFormat.OlympusOrf or PhotoFormat.PanasonicRw2 or PhotoFormat.TiffRaw;

    /// <summary>Formats the pipeline accepts: directly decodable ones, and RAW files through their embedded JPEG.</summary>
    public static bool IsReadable(PhotoFormat format) => IsDecodable(format) || IsRaw(format);

    /// <summary>
    /// The <c>Photo.Format</c> text: the enum name for plain images (<c>Jpeg</c>, <c>Tiff</c>), and
    /// <c>Raw:&lt;KIND&gt;</c> for RAW files (<c>Raw:CR2</c>, <c>Raw:NEF</c>), the kind of a generic TIFF
    /// RAW coming from its extension.
    /// </summary>
    public static string Label(PhotoFormat format, string extension) => format switch
    {
        PhotoFormat.CanonCr2 => "Raw:CR2",
        PhotoFormat.CanonCr3 => "Raw:CR3",
        PhotoFormat.FujiRaf => "Raw:RAF",
        PhotoFormat.OlympusOrf => "Raw:ORF",
        PhotoFormat.PanasonicRw2 => "Raw:RW2",
        PhotoFormat.TiffRaw => "Raw:" + (extension.TrimStart('.').ToUpperInvariant() is { Length: > 0 } kind ? kind : "TIFF"),
        _ => format.ToString(),
    };

    /// <summary>Extensions a folder scan picks up. Other files (sidecars, notes) are not photos.</summary>
    public static readonly IReadOnlySet<string> ScannedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".bmp", ".dib", ".tif", ".tiff", ".webp",
        ".heic", ".heif", ".avif", ".jxl", ".psd",
        ".cr2", ".cr3", ".nef", ".nrw", ".arw", ".srf", ".sr2", ".dng", ".orf", ".raf", ".rw2", ".pef", ".srw", ".x3f", ".3fr", ".iiq", ".rwl",
    };

    private static readonly IReadOnlySet<string> TiffRawExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".nef", ".nrw", ".arw", ".srf", ".sr2", ".dng", ".pef", ".srw", ".3fr", ".iiq", ".rwl", ".cr2", ".orf", ".rw2",
    };

    /// <summary>Extensions of RAW files, for pairing a RAW with the camera JPEG beside it.</summary>
    public static bool IsRawExtension(string extension) =>
        TiffRawExtensions.Contains(extension) || extension.Equals(".cr3", StringComparison.OrdinalIgnoreCase)
        || extension.Equals(".raf", StringComparison.OrdinalIgnoreCase) || extension.Equals(".x3f", StringComparison.OrdinalIgnoreCase);

    /// <summary>Extensions of JPEG files, the other half of a RAW + JPEG pair.</summary>
    public static bool IsJpegExtension(string extension) =>
        extension.Equals(".jpg", StringComparison.OrdinalIgnoreCase) || extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase)
        || extension.Equals(".jpe", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many leading bytes <see cref="Sniff"/> wants.</summary>
    public const int HeaderLength = 32;

    /// <summary>Identifies the container from its first bytes; the extension only tells TIFF from TIFF-based RAW.</summary>
    public static PhotoFormat Sniff(ReadOnlySpan<byte> h, string extension)
    {
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return PhotoFormat.Jpeg;
        if (h.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A })) return PhotoFormat.Png;
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return PhotoFormat.Gif;
        if (h.Length >= 18 && h[0] == 'B' && h[1] == 'M' && h[6] == 0 && h[7] == 0 && h[8] == 0 && h[9] == 0
            && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(h[14..]) is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124) return PhotoFormat.Bmp;
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h.Slice(8, 4).SequenceEqual("WEBP"u8)) return PhotoFormat.WebP;
        if (h.StartsWith("8BPS"u8)) return PhotoFormat.Psd;
        if (h.StartsWith("FUJIFILMCCD-RAW"u8)) return PhotoFormat.FujiRaf;
        if (h.StartsWith(new byte[] { 0xFF, 0x0A }) || (h.Length >= 12 && h.Slice(4, 8).SequenceEqual("JXL \r\n\x87\n"u8))) return PhotoFormat.JpegXl;
        if (h.Length >= 12 && h.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(h.Slice(8, 4));
            return brand switch
            {
                "crx " => PhotoFormat.CanonCr3,
                "avif" or "avis" => PhotoFormat.Avif,
                "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "mif1" or "msf1" => PhotoFormat.Heif,
                _ => PhotoFormat.Unknown,
            };
        }
        if (h.Length >= 4)
        {
            if (h.StartsWith("IIRO"u8) || h.StartsWith("IIRS"u8) || h.StartsWith("MMOR"u8)) return PhotoFormat.OlympusOrf;
            if (h[0] == 'I' && h[1] == 'I' && h[2] == 'U' && h[3] == 0) return PhotoFormat.PanasonicRw2;
            var tiff = (h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42);
            if (tiff)
            {
                if (h.Length >= 10 && h[8] == 'C' && h[9] == 'R') return PhotoFormat.CanonCr2;
                return TiffRawExtensions.Contains(extension) ? PhotoFormat.TiffRaw : PhotoFormat.Tiff;
            }
        }
        return PhotoFormat.Unknown;
    }

    /// <summary>A short, human name for messages: "JPEG", "Canon CR3 RAW", …</summary>
    public static string Describe(PhotoFormat format, string extension) => format switch
    {
        PhotoFormat.Jpeg => "JPEG",
        PhotoFormat.Png => "PNG",
        PhotoFormat.Gif => "GIF",
        PhotoFormat.Bmp => "BMP",
        PhotoFormat.Tiff => "TIFF",
        PhotoFormat.WebP => "WebP",
        PhotoFormat.Heif => "HEIF/HEIC",
        PhotoFormat.Avif => "AVIF",
        PhotoFormat.JpegXl => "JPEG XL",
        PhotoFormat.Psd => "Photoshop PSD",
        PhotoFormat.CanonCr2 => "Canon CR2 RAW",
        PhotoFormat.CanonCr3 => "Canon CR3 RAW",
        PhotoFormat.FujiRaf => "Fujifilm RAF RAW",
        PhotoFormat.OlympusOrf => "Olympus ORF RAW",
        PhotoFormat.PanasonicRw2 => "Panasonic RW2 RAW",
        PhotoFormat.TiffRaw => extension.TrimStart('.').ToUpperInvariant() + " RAW",
        _ => "unknown",
    };
}
