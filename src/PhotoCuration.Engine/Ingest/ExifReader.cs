using System.Globalization;
using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using Directory = MetadataExtractor.Directory;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Reads the metadata a curator needs from a file with MetadataExtractor. Never throws for bad
/// metadata: a value that is missing or cannot be trusted stays null and the problem is listed in
/// <see cref="PhotoExif.Warnings"/>.
/// </summary>
public static class ExifReader
{
    /// <summary>EXIF strings longer than this are cut: a hostile file can declare megabytes of text.</summary>
    public const int MaxStringLength = 1024;

    // EXIF 2.31 tags that MetadataExtractor 2.4.3 has no named constant for.
    private const int TagOffsetTime = 0x9010;
    private const int TagOffsetTimeOriginal = 0x9011;
    private const int TagOffsetTimeDigitized = 0x9012;
    private const int TagBodySerialNumber = 0xA431;
    private const int TagLensModel = 0xA434;

    public static PhotoExif Read(Stream stream)
    {
        IReadOnlyList<Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception ex) when (IsMetadataFailure(ex))
        {
            var exif = new PhotoExif();
            exif.Warnings.Add("Metadata could not be read: " + Clean(ex.Message));
            return exif;
        }
        return Read(directories);
    }

    /// <summary>
    /// What MetadataExtractor throws on damaged input. It has no single exception type: the fuzz test
    /// found MetadataException ("Marker … found inside DHT segment") besides ImageProcessingException,
    /// and out-of-range reads of every kind. Metadata is optional, so any such failure becomes a
    /// warning; memory exhaustion is prevented up front (<see cref="ContainerCheck"/>), not caught.
    /// </summary>
    public static bool IsMetadataFailure(Exception ex) =>
        ex is ImageProcessingException or MetadataException or IOException or ArgumentException or IndexOutOfRangeException or OverflowException
            or InvalidOperationException or NullReferenceException or InvalidCastException or FormatException or DivideByZeroException
            or KeyNotFoundException or NotSupportedException;

    /// <summary>Reads the fields from directories already parsed (e.g. from a CR3's CMT boxes).</summary>
    public static PhotoExif Read(IReadOnlyList<Directory> directories)
    {
        var exif = new PhotoExif();
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var sub = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();

        foreach (var dir in new Directory?[] { ifd0, sub, gps })
        {
            if (dir is null) continue;
            foreach (var error in dir.Errors) exif.Warnings.Add($"{dir.Name}: {Clean(error)}");
        }

        ReadCaptureTime(exif, ifd0, sub);
        exif.CameraMake = String(ifd0, ExifDirectoryBase.TagMake);
        exif.CameraModel = String(ifd0, ExifDirectoryBase.TagModel);
        exif.BodySerial = String(sub, TagBodySerialNumber);
        exif.LensModel = String(sub, TagLensModel);
        exif.FocalLength = Double(sub, ExifDirectoryBase.TagFocalLength);
        exif.FocalLength35mm = Double(sub, ExifDirectoryBase.Tag35MMFilmEquivFocalLength);
        exif.FNumber = Double(sub, ExifDirectoryBase.TagFNumber);
        exif.ExposureTime = Double(sub, ExifDirectoryBase.TagExposureTime);
        exif.Iso = Int(sub, ExifDirectoryBase.TagIsoEquivalent);
        exif.ExposureBias = Double(sub, ExifDirectoryBase.TagExposureBias);
        exif.PixelWidth = Int(sub, ExifDirectoryBase.TagExifImageWidth);
        exif.PixelHeight = Int(sub, ExifDirectoryBase.TagExifImageHeight);
        exif.ImageDescription = String(ifd0, ExifDirectoryBase.TagImageDescription);
        exif.Artist = String(ifd0, ExifDirectoryBase.TagArtist);
        exif.Copyright = String(ifd0, ExifDirectoryBase.TagCopyright);
        exif.Software = String(ifd0, ExifDirectoryBase.TagSoftware);

        var orientation = Int(ifd0, ExifDirectoryBase.TagOrientation);
        if (orientation is >= 1 and <= 8) exif.Orientation = orientation;
        else if (orientation is not null) exif.Warnings.Add($"Orientation value {orientation} is not 1–8; treated as upright.");

        ReadGps(exif, gps);
        exif.ColorProfile = directories.OfType<IccDirectory>().Select(d => String(d, IccDirectory.TagTagDesc)).FirstOrDefault(s => s is not null);

        // Plausibility: zero or negative exposure values come from broken writers; drop them.
        if (exif.FNumber is <= 0) exif.FNumber = null;
        if (exif.ExposureTime is <= 0) exif.ExposureTime = null;
        if (exif.FocalLength is <= 0) exif.FocalLength = null;
        if (exif.Iso is <= 0) exif.Iso = null;
        return exif;
    }

    private static void ReadCaptureTime(PhotoExif exif, Directory? ifd0, Directory? sub)
    {
        var candidates = new (Directory? Dir, int Tag, int SubSecTag, int OffsetTag, string Source)[]
        {
            (sub, ExifDirectoryBase.TagDateTimeOriginal, ExifDirectoryBase.TagSubsecondTimeOriginal, TagOffsetTimeOriginal, "DateTimeOriginal"),
            (sub, ExifDirectoryBase.TagDateTimeDigitized, ExifDirectoryBase.TagSubsecondTimeDigitized, TagOffsetTimeDigitized, "DateTimeDigitized"),
            (ifd0, ExifDirectoryBase.TagDateTime, ExifDirectoryBase.TagSubsecondTime, TagOffsetTime, "DateTime"),
        };
        foreach (var (dir, tag, subSecTag, offsetTag, source) in candidates)
        {
            var text = String(dir, tag);
            if (text is null) continue;
            if (!TryParseExifDate(text, out var local))
            {
                exif.Warnings.Add($"{source} '{text}' is not a valid EXIF date.");
                continue;
            }
            // Sub-seconds live in their own tag, as a digit string ("45" = 0.45 s); the offset in
            // OffsetTime* ("+02:00"). Either may also be shared from IFD0/SubIFD in some writers.
            var subsec = String(dir, subSecTag) ?? String(sub, subSecTag);
            if (subsec is not null && TryParseSubSeconds(subsec, out var fraction)) local = local.AddTicks(fraction);
            exif.CaptureTimeLocal = local;
            exif.CaptureTimeSource = source;
            var offsetText = String(sub, offsetTag) ?? String(ifd0, offsetTag);
            if (offsetText is not null)
            {
                if (TryParseOffset(offsetText, out var offset)) exif.CaptureOffset = offset;
                else exif.Warnings.Add($"Time offset '{offsetText}' is not of the form +hh:mm.");
            }
            return;
        }
    }

    /// <summary>EXIF dates are "yyyy:MM:dd HH:mm:ss"; some writers use '-' or 'T'. All-zero dates mean "unknown".</summary>
    public static bool TryParseExifDate(string text, out DateTime value)
    {
        var formats = new[] { "yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy:MM:ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy:MM:dd HH:mm", "yyyy:MM:dd" };
        return DateTime.TryParseExact(text.Trim().TrimEnd('\0'), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && value.Year >= 1900;
    }

    /// <summary>"45" → 0.45 s, "045" → 0.045 s, as ticks. Trailing spaces are padding.</summary>
    public static bool TryParseSubSeconds(string text, out long ticks)
    {
        ticks = 0;
        var digits = text.Trim().TrimEnd('\0');
        if (digits.Length == 0 || digits.Length > 9 || !digits.All(char.IsAsciiDigit)) return false;
        ticks = (long)Math.Round(double.Parse("0." + digits, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond);
        return true;
    }

    public static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = default;
        var t = text.Trim().TrimEnd('\0');
        if (t.Length != 6 || (t[0] != '+' && t[0] != '-') || t[3] != ':') return false;
        if (!int.TryParse(t.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)) return false;
        if (!int.TryParse(t.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (h > 14 || m > 59) return false;
        offset = new TimeSpan(h, m, 0);
        if (t[0] == '-') offset = -offset;
        return true;
    }

    private static void ReadGps(PhotoExif exif, GpsDirectory? gps)
    {
        if (gps is null) return;
        try
        {
            var location = gps.GetGeoLocation();
            if (location is not null && !location.IsZero && Math.Abs(location.Latitude) <= 90 && Math.Abs(location.Longitude) <= 180)
            {
                exif.GpsLatitude = Math.Round(location.Latitude, 7);
                exif.GpsLongitude = Math.Round(location.Longitude, 7);
            }
            if (gps.TryGetRational(GpsDirectory.TagAltitude, out var altitude) && altitude.Denominator != 0)
            {
                var below = gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var altRef) && altRef == 1;
                exif.GpsAltitude = Math.Round((below ? -1 : 1) * altitude.ToDouble(), 2);
            }
        }
        catch (Exception ex) when (ex is MetadataException or InvalidCastException or OverflowException or DivideByZeroException)
        {
            exif.Warnings.Add("GPS block is unreadable: " + Clean(ex.Message));
        }
    }

    private static string? String(Directory? dir, int tag)
    {
        if (dir is null || !dir.ContainsTag(tag)) return null;
        string? value;
        try { value = dir.GetString(tag); }
        catch (Exception ex) when (ex is MetadataException or ArgumentException or InvalidCastException) { return null; }
        if (value is null) return null;
        value = Clean(value);
        return value.Length == 0 ? null : value;
    }

    private static double? Double(Directory? dir, int tag)
    {
        if (dir is null) return null;
        if (dir.TryGetRational(tag, out var r)) return r.Denominator == 0 ? null : Math.Round(r.ToDouble(), 6);
        return dir.TryGetDouble(tag, out var d) && double.IsFinite(d) ? d : null;
    }

    private static int? Int(Directory? dir, int tag) => dir is not null && dir.TryGetInt32(tag, out var v) ? v : null;

    /// <summary>Removes control characters and trailing NUL padding, folds whitespace, caps the length.</summary>
    public static string Clean(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, MaxStringLength));
        for (var i = 0; i < value.Length && sb.Length < MaxStringLength; i++)
        {
            var c = value[i];
            if (c == '\0') continue;
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (sb.Length + 2 > MaxStringLength) break;
                sb.Append(c).Append(value[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) continue; // a lone surrogate cannot be written as UTF-8
            sb.Append(c);
        }
        return sb.ToString().Trim();
    }
}
