namespace PhotoCuration;

/// <summary>
/// One photo of a shoot. Every stage enriches the same object, so any property of an earlier stage
/// can be filtered on later in the pipeline (docs/architecture.md#objects).
/// </summary>
public sealed class Photo
{
    /// <summary><c>sha256:&lt;hex&gt;</c> of the file bytes: byte-identical files share an id.</summary>
    public string PhotoId { get; set; } = "";

    /// <summary>Full path of the original file. Never written to.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// The original as a library-relative path, <c>archive:/2019/IMG_0001.jpg</c>, when the run was given a
    /// <c>-Library</c> root it lies under; null otherwise. Stage JSON and curated_list.json record this form,
    /// so a machine that mounts the library elsewhere (another OS, a moved archive) resolves the photo with
    /// its own root of that name; <see cref="Path"/> is this machine's path.
    /// </summary>
    public string? LibraryPath { get; set; }

    /// <summary>File name of the original, with extension.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The batch this photo was imported into.</summary>
    public string BatchId { get; set; } = "";

    /// <summary>The named stage run this photo was written to (-RunName, or "explore" for an exploration of an exported batch); empty: the batch's main run.</summary>
    public string RunName { get; set; } = "";

    /// <summary>
    /// The other file of the same frame, when a RAW and the camera's JPEG sit side by side with the same
    /// name (<c>IMG_0001.CR2</c> + <c>IMG_0001.JPG</c>): they are one photo. <see cref="Path"/> is the RAW
    /// (the original, as Lightroom treats it) and this is the JPEG; when the RAW cannot be read, the
    /// JPEG is <see cref="Path"/> and this is the RAW. Never written to. Null for a single file.
    /// </summary>
    public string? CompanionPath { get; set; }

    /// <summary>Workspace folder the stages write to (derived images, cache, stage JSON).</summary>
    public string Workspace { get; set; } = "";

    /// <summary>Container format found by reading the file's bytes, e.g. <c>Jpeg</c>, <c>Png</c>, <c>Raw:CR2</c> (a RAW, read through its embedded JPEG).</summary>
    public string Format { get; set; } = "";

    /// <summary>File size in bytes.</summary>
    public long FileSize { get; set; }

    /// <summary>Pixel width as stored (before EXIF orientation).</summary>
    public int Width { get; set; }

    /// <summary>Pixel height as stored (before EXIF orientation).</summary>
    public int Height { get; set; }

    /// <summary>Metadata read from the file (EXIF, GPS, maker fields).</summary>
    public PhotoExif Exif { get; set; } = new();

    /// <summary>True when the user locked this photo in: it is never dropped and always selected.</summary>
    public bool IsLocked { get; set; }

    /// <summary>True when the user excluded this photo: it is never selected.</summary>
    public bool IsExcluded { get; set; }

    /// <summary>Path of the first file with the same bytes, when this file is an exact duplicate.</summary>
    public string? DuplicateOf { get; set; }

    /// <summary>Derived images and their sizes, after <c>Invoke-Preprocess</c>.</summary>
    public PhotoPreprocess? Preprocess { get; set; }

    /// <summary>Features of the standardized image, after <c>Get-PhotoFeatures</c>.</summary>
    public PhotoFeatures? Features { get; set; }

    /// <summary>Faces in the standardized image, largest first, after <c>Find-PhotoFace</c>; null before that stage ran, empty when none was found (or no face model was installed: then <see cref="FaceModel"/> is null).</summary>
    public PhotoFace[]? Faces { get; set; }

    /// <summary>The face model that looked for <see cref="Faces"/>; null when the face stage has not run or found no model (the number of people is then unknown).</summary>
    public string? FaceModel { get; set; }

    /// <summary>Scorecard under a theme, after <c>Measure-PhotoScore</c>.</summary>
    public PhotoScore? Score { get; set; }

    /// <summary>Moment (cluster) id, after <c>Group-PhotoMoment</c>.</summary>
    public string? MomentId { get; set; }

    /// <summary>Technical quality score, when scored (for <c>Where-Object QTech -gt 0.5</c>).</summary>
    public double? QTech => Score?.QTech;

    /// <summary>Aesthetic score, when scored.</summary>
    public double? Aesthetic => Score?.Aesthetic;

    /// <summary>Vibe score, when scored.</summary>
    public double? Vibe => Score?.Vibe;

    /// <summary>Typography score, when scored.</summary>
    public double? Typography => Score?.Typography;

    /// <summary>Composition score, when scored.</summary>
    public double? Composition => Score?.Composition;

    /// <summary>Total_prelim, when scored.</summary>
    public double? Total => Score?.Total;

    /// <summary>Capture time when known, else null: the best available sort key for a shoot.</summary>
    public DateTime? CaptureTime => Exif.CaptureTimeLocal;

    /// <summary>Capture time (the table's Captured column), for <c>Where-Object Captured -gt (Get-Date 2024-05-01)</c>.</summary>
    public DateTime? Captured => Exif.CaptureTimeLocal;

    /// <summary>Make and model (the table's Camera column), for <c>Where-Object Camera -like '*NIKON*'</c>.</summary>
    public string Camera => Exif.Camera;

    /// <summary>Shutter, aperture, ISO and focal length in one string (the table's Exposure column).</summary>
    public string Exposure => Exif.Exposure;

    /// <summary>Pixel size as WIDTHxHEIGHT (the table's Pixels column).</summary>
    public string Pixels => $"{Width}x{Height}";

    /// <summary>
    /// What stands out about the photo (the table's Status column), comma-separated: dropped or flagged by
    /// the gate with the reasons, locked, excluded, duplicate, bad exif; empty when nothing does.
    /// </summary>
    public string Status
    {
        get
        {
            var flags = new List<string>();
            if (Score is { IsDropped: true }) flags.Add("dropped: " + string.Join("+", Score.DropReasons));
            else if (Score is { Verdict: "flagged" }) flags.Add("flagged: " + string.Join("+", Score.DropReasons));
            if (IsLocked) flags.Add("locked");
            if (IsExcluded) flags.Add("excluded");
            if (DuplicateOf is not null) flags.Add("duplicate");
            if (Exif.Warnings.Count > 0) flags.Add("bad exif");
            return string.Join(",", flags);
        }
    }

    /// <summary>Short form of <see cref="PhotoId"/> for tables: the first 12 hex digits.</summary>
    public string ShortId => PhotoId.StartsWith("sha256:", StringComparison.Ordinal) && PhotoId.Length >= 19
        ? PhotoId.Substring(7, 12)
        : PhotoId;

    /// <inheritdoc />
    public override string ToString() => Path;
}
