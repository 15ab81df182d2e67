namespace PhotoCuration;

/// <summary>
/// Metadata of one photo as read from the file. Every field is optional: a value the file does not
/// carry, or carries in a form that cannot be trusted, is null rather than guessed.
/// </summary>
public sealed class PhotoExif
{
    /// <summary>Capture time as the camera's clock showed it, including sub-seconds.</summary>
    public DateTime? CaptureTimeLocal { get; set; }

    /// <summary>UTC offset of the camera clock (EXIF OffsetTimeOriginal), when recorded.</summary>
    public TimeSpan? CaptureOffset { get; set; }

    /// <summary>Capture time with its offset, when both are known.</summary>
    public DateTimeOffset? CaptureTime =>
        CaptureTimeLocal is { } t && CaptureOffset is { } o ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), o) : null;

    /// <summary>Where the capture time came from: <c>DateTimeOriginal</c>, <c>DateTimeDigitized</c>, <c>DateTime</c>, or null.</summary>
    public string? CaptureTimeSource { get; set; }

    /// <summary>Camera manufacturer.</summary>
    public string? CameraMake { get; set; }

    /// <summary>Camera model.</summary>
    public string? CameraModel { get; set; }

    /// <summary>Camera body serial number: tells two bodies of the same model apart.</summary>
    public string? BodySerial { get; set; }

    /// <summary>Lens model.</summary>
    public string? LensModel { get; set; }

    /// <summary>Focal length in millimetres.</summary>
    public double? FocalLength { get; set; }

    /// <summary>35 mm equivalent focal length in millimetres.</summary>
    public double? FocalLength35mm { get; set; }

    /// <summary>Aperture as an f-number.</summary>
    public double? FNumber { get; set; }

    /// <summary>Exposure time in seconds.</summary>
    public double? ExposureTime { get; set; }

    /// <summary>ISO speed.</summary>
    public int? Iso { get; set; }

    /// <summary>Exposure bias in EV.</summary>
    public double? ExposureBias { get; set; }

    /// <summary>EXIF orientation 1–8 (1 = upright); null when the file does not say.</summary>
    public int? Orientation { get; set; }

    /// <summary>GPS latitude in decimal degrees (north positive).</summary>
    public double? GpsLatitude { get; set; }

    /// <summary>GPS longitude in decimal degrees (east positive).</summary>
    public double? GpsLongitude { get; set; }

    /// <summary>GPS altitude in metres above sea level.</summary>
    public double? GpsAltitude { get; set; }

    /// <summary>Pixel width the EXIF block declares (may differ from the real image).</summary>
    public int? PixelWidth { get; set; }

    /// <summary>Pixel height the EXIF block declares (may differ from the real image).</summary>
    public int? PixelHeight { get; set; }

    /// <summary>Image description, as written by the camera or an editor.</summary>
    public string? ImageDescription { get; set; }

    /// <summary>Artist / creator.</summary>
    public string? Artist { get; set; }

    /// <summary>Copyright notice.</summary>
    public string? Copyright { get; set; }

    /// <summary>Software that last wrote the file.</summary>
    public string? Software { get; set; }

    /// <summary>Description of the embedded colour profile, e.g. <c>Display P3</c>; null when none.</summary>
    public string? ColorProfile { get; set; }

    /// <summary>Problems met while reading metadata. The photo is still usable when this is non-empty.</summary>
    public List<string> Warnings { get; set; } = new();

    /// <summary>Exposure as a photographer writes it: <c>1/250 s f/2.8 ISO 400</c>.</summary>
    public string Exposure
    {
        get
        {
            var parts = new List<string>(3);
            if (ExposureTime is { } t && t > 0)
            {
                parts.Add(t >= 0.3 ? FormattableString.Invariant($"{t:0.#} s") : FormattableString.Invariant($"1/{Math.Round(1 / t):0} s"));
            }
            if (FNumber is { } f) parts.Add(FormattableString.Invariant($"f/{f:0.#}"));
            if (Iso is { } iso) parts.Add(FormattableString.Invariant($"ISO {iso}"));
            return string.Join(" ", parts);
        }
    }

    /// <summary>Make and model in one string, without the make repeated when the model already starts with it.</summary>
    public string Camera
    {
        get
        {
            var make = CameraMake?.Trim() ?? "";
            var model = CameraModel?.Trim() ?? "";
            if (model.Length == 0) return make;
            if (make.Length == 0 || model.StartsWith(make.Split(' ')[0], StringComparison.OrdinalIgnoreCase)) return model;
            return make + " " + model;
        }
    }
}
