using System.Collections.Concurrent;
using PhotoCuration.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Processing;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// Thumbnails for the review page: the standardized (else ranking) JPEG of each photo, downscaled. Only
/// derived images inside the workspace are read — never the originals, never a path from elsewhere. Kept
/// in memory as JPEG bytes, made once per photo (on demand or ahead on bounded workers): a page written
/// to disk embeds them as <c>data:</c> URIs (<see cref="Of"/>), a review server sends them one by one
/// (<see cref="Bytes"/>).
/// </summary>
public sealed class Thumbnails
{
    /// <summary>Long edge in pixels: sharp on a 2× phone screen at the page's 160 CSS px cards.</summary>
    public const int DefaultLongEdge = 320;

    /// <summary>JPEG quality: thumbnails of ~10–20 KB keep a 500-photo page under ~10 MB.</summary>
    public const int Quality = 72;

    private readonly ConcurrentDictionary<string, Lazy<byte[]?>> _jpegs = new(StringComparer.Ordinal);
    private readonly string _root;
    private readonly int _longEdge;

    public Thumbnails(string workspaceRoot, int longEdge = DefaultLongEdge)
    {
        _root = Path.GetFullPath(workspaceRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        _longEdge = longEdge;
    }

    /// <summary>Makes the thumbnails of <paramref name="photos"/> on bounded workers.</summary>
    public void Prepare(IEnumerable<Photo> photos, int workers, CancellationToken cancellation = default)
    {
        Parallel.ForEach(photos.Where(p => !_jpegs.ContainsKey(p.PhotoId)).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellation },
            p => Bytes(p));
    }

    /// <summary>The photo's thumbnail as a data: URI, or null when it has no readable derived image in the workspace.</summary>
    public string? Of(Photo photo) => Bytes(photo) is { } jpeg ? "data:image/jpeg;base64," + Convert.ToBase64String(jpeg) : null;

    /// <summary>The photo's thumbnail as JPEG bytes (made once, then shared), or null when it has no readable derived image.</summary>
    public byte[]? Bytes(Photo photo) =>
        _jpegs.GetOrAdd(photo.PhotoId, _ => new Lazy<byte[]?>(() => Make(photo), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Whether the photo has a derived image in the workspace to make a thumbnail from (no decoding).</summary>
    public bool HasSource(Photo photo) => Source(photo) is not null;

    private string? Source(Photo photo) => new[] { photo.Preprocess?.StandardizedPath, photo.Preprocess?.RankingPath }
        .Where(p => !string.IsNullOrEmpty(p))
        .Select(p => Path.GetFullPath(p!))
        .FirstOrDefault(p => p.StartsWith(_root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) && File.Exists(p));

    private byte[]? Make(Photo photo)
    {
        if (Source(photo) is not { } source) return null;
        try
        {
            using var image = Image.Load(ImagingConfiguration.Shared, source);
            image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(_longEdge, _longEdge), Mode = ResizeMode.Max, Sampler = KnownResamplers.Bicubic }));
            using var buffer = new MemoryStream();
            image.SaveAsJpeg(buffer, new JpegEncoder { Quality = Quality });
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
