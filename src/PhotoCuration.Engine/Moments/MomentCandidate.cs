using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// What grouping needs of one distinct photo: its capture instant, its hashes, its palette in Lab and
/// (with a CLIP model) its embedding. Exact duplicates are folded into one candidate beforehand.
/// </summary>
public sealed class MomentCandidate
{
    public MomentCandidate(string photoId, string fileName, double? seconds, ulong pHash, ulong dHash,
        IReadOnlyList<(double L, double A, double B)> palette, IReadOnlyList<double> paletteShares, float[]? embedding = null, IReadOnlyList<double>? lumaGrid = null, bool exposureFailed = false)
    {
        PhotoId = photoId;
        FileName = fileName;
        Seconds = seconds;
        PHash = pHash;
        DHash = dHash;
        Palette = palette;
        PaletteShares = paletteShares;
        Embedding = embedding;
        LumaGrid = lumaGrid ?? Array.Empty<double>();
        ExposureFailed = exposureFailed;
    }

    public string PhotoId { get; }
    public string FileName { get; }

    /// <summary>Capture instant in seconds (UTC when the offset is known, else camera-local), null without EXIF time.</summary>
    public double? Seconds { get; }

    public ulong PHash { get; }
    public ulong DHash { get; }
    public IReadOnlyList<(double L, double A, double B)> Palette { get; }
    public IReadOnlyList<double> PaletteShares { get; }

    /// <summary>
    /// True when the technical gate dropped the frame as hopelessly under- or overexposed (black, blown):
    /// nothing of its look is left to compare with its siblings', so time places it (<see cref="MomentLinker"/>).
    /// Only hopeless frames: a frame that joins every frame within seconds could chain two scenes, and a
    /// dropped frame is never picked, so it can only sink to the bottom of the moment it joins.
    /// </summary>
    public bool ExposureFailed { get; }

    /// <summary>8×8 mean luma (empty for features older than features-4).</summary>
    public IReadOnlyList<double> LumaGrid { get; }

    /// <summary>L2-normalized CLIP embedding, when a model produced one.</summary>
    public float[]? Embedding { get; }

    /// <summary>Builds a candidate from a photo's EXIF time and features.</summary>
    /// <param name="compact">Hold the luma grid in 16 bits a cell (<see cref="LumaCells"/>), for a candidate that outlives its photo.</param>
    public static MomentCandidate FromPhoto(Photo photo, float[]? embedding = null, bool compact = false)
    {
        var f = photo.Features ?? throw new ArgumentException($"'{photo.FileName}' has no features.", nameof(photo));
        return new MomentCandidate(photo.PhotoId, photo.FileName, CaptureSeconds(photo.Exif),
            PerceptualHash.FromHex(f.PHash), PerceptualHash.FromHex(f.DHash),
            f.Palette.Select(ColorSpace.HexToLab).ToArray(), f.PaletteShares, embedding, compact ? LumaCells.Of(f.LumaGrid) : f.LumaGrid,
            photo.Score is { Verdict: Scoring.Scorecard.Dropped } s && s.DropReasons.Any(r => r is "underexposed" or "overexposed"));
    }

    /// <summary>Seconds since year 1 of the capture instant: UTC when the camera recorded its offset.</summary>
    public static double? CaptureSeconds(PhotoExif exif)
    {
        if (exif.CaptureTime is { } withOffset) return withOffset.UtcTicks / (double)TimeSpan.TicksPerSecond;
        if (exif.CaptureTimeLocal is { } local) return local.Ticks / (double)TimeSpan.TicksPerSecond;
        return null;
    }
}
