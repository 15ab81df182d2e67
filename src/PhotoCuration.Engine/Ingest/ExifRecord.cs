using System.Globalization;

namespace PhotoCuration.Engine.Ingest;

/// <summary>The <c>exif</c> object of the ingest stage JSON (snake_case), convertible both ways.</summary>
public sealed class ExifRecord
{
    /// <summary>Local capture time, ISO 8601 with up to 7 fractional digits, no offset.</summary>
    public string? CaptureTime { get; set; }
    /// <summary>"+02:00" when known.</summary>
    public string? CaptureOffset { get; set; }
    public string? CaptureTimeSource { get; set; }
    public string? CameraMake { get; set; }
    public string? CameraModel { get; set; }
    public string? BodySerial { get; set; }
    public string? LensModel { get; set; }
    public double? FocalLength { get; set; }
    public double? FocalLength35mm { get; set; }
    public double? FNumber { get; set; }
    public double? ExposureTime { get; set; }
    public int? Iso { get; set; }
    public double? ExposureBias { get; set; }
    public int? Orientation { get; set; }
    public double? GpsLatitude { get; set; }
    public double? GpsLongitude { get; set; }
    public double? GpsAltitude { get; set; }
    public int? PixelWidth { get; set; }
    public int? PixelHeight { get; set; }
    public string? ImageDescription { get; set; }
    public string? Artist { get; set; }
    public string? Copyright { get; set; }
    public string? Software { get; set; }
    public string? ColorProfile { get; set; }
    public List<string> Warnings { get; set; } = new();

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";

    public static ExifRecord From(PhotoExif e) => new()
    {
        CaptureTime = e.CaptureTimeLocal?.ToString(TimeFormat, CultureInfo.InvariantCulture),
        CaptureOffset = e.CaptureOffset is { } o ? (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture) : null,
        CaptureTimeSource = e.CaptureTimeSource,
        CameraMake = e.CameraMake,
        CameraModel = e.CameraModel,
        BodySerial = e.BodySerial,
        LensModel = e.LensModel,
        FocalLength = e.FocalLength,
        FocalLength35mm = e.FocalLength35mm,
        FNumber = e.FNumber,
        ExposureTime = e.ExposureTime,
        Iso = e.Iso,
        ExposureBias = e.ExposureBias,
        Orientation = e.Orientation,
        GpsLatitude = e.GpsLatitude,
        GpsLongitude = e.GpsLongitude,
        GpsAltitude = e.GpsAltitude,
        PixelWidth = e.PixelWidth,
        PixelHeight = e.PixelHeight,
        ImageDescription = e.ImageDescription,
        Artist = e.Artist,
        Copyright = e.Copyright,
        Software = e.Software,
        ColorProfile = e.ColorProfile,
        Warnings = e.Warnings.ToList(),
    };

    public PhotoExif ToExif()
    {
        var exif = new PhotoExif
        {
            CaptureTimeSource = CaptureTimeSource,
            CameraMake = CameraMake,
            CameraModel = CameraModel,
            BodySerial = BodySerial,
            LensModel = LensModel,
            FocalLength = FocalLength,
            FocalLength35mm = FocalLength35mm,
            FNumber = FNumber,
            ExposureTime = ExposureTime,
            Iso = Iso,
            ExposureBias = ExposureBias,
            Orientation = Orientation,
            GpsLatitude = GpsLatitude,
            GpsLongitude = GpsLongitude,
            GpsAltitude = GpsAltitude,
            PixelWidth = PixelWidth,
            PixelHeight = PixelHeight,
            ImageDescription = ImageDescription,
            Artist = Artist,
            Copyright = Copyright,
            Software = Software,
            ColorProfile = ColorProfile,
            Warnings = Warnings?.ToList() ?? new(),
        };
        if (CaptureTime is not null && DateTime.TryParseExact(CaptureTime, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) exif.CaptureTimeLocal = t;
        if (CaptureOffset is not null && ExifReader.TryParseOffset(CaptureOffset, out var o)) exif.CaptureOffset = o;
        return exif;
    }
}
