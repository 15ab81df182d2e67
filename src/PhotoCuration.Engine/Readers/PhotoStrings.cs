namespace PhotoCuration.Engine.Readers;

/// <summary>
/// One instance of each repeated string of the rebuilt photos (docs/architecture.md#archive-scale): the
/// JSON reader makes a new string for every value it reads, so a batch of a million photos would hold a
/// million copies of "kept", of its camera's name and of its theme's. Only fields whose values repeat
/// across photos (names of things, versions, verdicts, palette colours) are shared; a copy of the file's
/// own path or name is replaced by the photo's. The pool stops growing at <see cref="MaxEntries"/>
/// values, so a batch whose values never repeat costs no more than before.
/// </summary>
internal sealed class PhotoStrings
{
    private const int MaxEntries = 1 << 18;

    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    /// <summary>Replaces the repeated strings of <paramref name="photo"/> with shared instances (equal values: nothing visible changes).</summary>
    public void Share(Photo photo)
    {
        photo.BatchId = One(photo.BatchId);
        photo.Workspace = One(photo.Workspace);
        photo.RunName = One(photo.RunName);
        photo.Format = One(photo.Format);
        var exif = photo.Exif;
        exif.CaptureTimeSource = Maybe(exif.CaptureTimeSource);
        exif.CameraMake = Maybe(exif.CameraMake);
        exif.CameraModel = Maybe(exif.CameraModel);
        exif.LensModel = Maybe(exif.LensModel);
        exif.Software = Maybe(exif.Software);
        exif.ColorProfile = Maybe(exif.ColorProfile);
        exif.Artist = Maybe(exif.Artist);
        exif.Copyright = Maybe(exif.Copyright);
        if (photo.Preprocess is { } pre)
        {
            if (pre.OriginalPath == photo.Path) pre.OriginalPath = photo.Path;
            pre.ProcessingMethod = One(pre.ProcessingMethod);
        }
        if (photo.Features is { } f)
        {
            f.Version = One(f.Version);
            f.TextColor = Maybe(f.TextColor);
            f.TimeOfDay = One(f.TimeOfDay);
            f.TimeOfDaySource = One(f.TimeOfDaySource);
            f.Orientation = One(f.Orientation);
            f.EmbeddingModel = Maybe(f.EmbeddingModel);
            f.SceneType = Maybe(f.SceneType);
            f.PeopleCount = Maybe(f.PeopleCount);
            f.Palette = All(f.Palette);
        }
        if (photo.Score is { } s)
        {
            s.ScorecardVersion = One(s.ScorecardVersion);
            s.Theme = One(s.Theme);
            s.Verdict = One(s.Verdict);
            s.ScoredVerdict = One(s.ScoredVerdict);
            if (s.Photo == photo.FileName) s.Photo = photo.FileName;
            s.FlagReasons = All(s.FlagReasons);
            s.DropReasons = All(s.DropReasons);
        }
    }

    private string One(string value)
    {
        if (value.Length == 0) return "";
        if (_pool.TryGetValue(value, out var shared)) return shared;
        if (_pool.Count < MaxEntries) _pool[value] = value;
        return value;
    }

    private string? Maybe(string? value) => value is null ? null : One(value);

    private string[] All(string[] values)
    {
        if (values.Length == 0) return Array.Empty<string>();
        for (var i = 0; i < values.Length; i++) values[i] = One(values[i]);
        return values;
    }
}
